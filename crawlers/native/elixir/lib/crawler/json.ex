defmodule Crawler.Json do
  @moduledoc """
  A JSON encoder for the result file: maps (atom or string keys), lists, strings, integers,
  floats, booleans and nil. Only encoding is needed and OTP 25 has no :json module; hex.pm (Jason)
  is not reachable.
  """

  @spec encode(term) :: iodata
  def encode(nil), do: "null"
  def encode(true), do: "true"
  def encode(false), do: "false"
  def encode(n) when is_integer(n), do: Integer.to_string(n)
  # Shortest round-trip form; JSON has no NaN or infinity and we never produce them.
  def encode(x) when is_float(x), do: :erlang.float_to_binary(x, [:short])
  def encode(s) when is_binary(s), do: [?", escape(s), ?"]
  def encode(a) when is_atom(a), do: encode(Atom.to_string(a))
  def encode(list) when is_list(list), do: [?[, list |> Enum.map(&encode/1) |> Enum.intersperse(?,), ?]]

  def encode(map) when is_map(map) do
    fields = Enum.map(map, fn {k, v} -> [encode(to_string(k)), ?:, encode(v)] end)
    [?{, Enum.intersperse(fields, ?,), ?}]
  end

  # RFC 8259 §7: quote, backslash and the C0 controls must be escaped; everything else (valid
  # UTF-8 included) may pass as is. Invalid UTF-8 is replaced by U+FFFD so the file stays JSON.
  defp escape(s) do
    for <<c::utf8 <- ensure_utf8(s)>>, into: "" do
      case c do
        ?" -> "\\\""
        ?\\ -> "\\\\"
        ?\n -> "\\n"
        ?\r -> "\\r"
        ?\t -> "\\t"
        c when c < 0x20 -> "\\u" <> String.pad_leading(Integer.to_string(c, 16), 4, "0")
        c -> <<c::utf8>>
      end
    end
  end

  defp ensure_utf8(s) do
    if String.valid?(s), do: s, else: s |> String.codepoints() |> Enum.map_join(&if(String.valid?(&1), do: &1, else: "\uFFFD"))
  end
end

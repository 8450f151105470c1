defmodule Crawler.SlashFix do
  @moduledoc """
  Works around a mochiweb_html tokenizer bug before the page is tokenized: in an unquoted
  attribute value it takes `/>` as the end of a self-closing tag, so `<A HREF=/docs/x/>` yields
  href `/docs/x`. In HTML (WHATWG tokenizer, "attribute value (unquoted) state") only whitespace
  and `>` end such a value, so the slash belongs to it: browsers and htmlparser2 read `/docs/x/`.

  This pass finds exactly those places (an unquoted value ending in `/` right before `>`, inside
  a real tag: not in text, comments, quoted values or raw-text elements) and inserts a space
  before the `>`, which mochiweb then reads as the HTML spec does. Anything else is untouched,
  and a page without such a value is returned as is (no copy).
  """

  # Elements whose content is raw text: no tags inside, so no values to fix. script and textarea
  # are raw text for mochiweb too; style, title and xmp are skipped by Crawler.Links anyway.
  @raw_text ~w(script style textarea title xmp)

  @spec fix(binary) :: binary
  def fix(html) do
    # The full scan costs about half as much as mochiweb's own tokenizing, and most pages have no
    # `/>` right after a character that could end an unquoted value: skip it for those.
    with true <- suspicious?(html), [_ | _] = positions <- scan(html, 0, []) do
      insert_spaces(html, Enum.reverse(positions))
    else
      _ -> html
    end
  end

  defp suspicious?(html) do
    html
    |> :binary.matches("/>")
    |> Enum.any?(fn {pos, 2} -> pos > 0 and :binary.at(html, pos - 1) not in [?", ?', ?\s, ?\t, ?\n, ?\r, ?\f] end)
  end

  defp insert_spaces(html, positions) do
    {parts, last} =
      Enum.map_reduce(positions, 0, fn pos, from -> {[binary_part(html, from, pos - from), ?\s], pos} end)

    IO.iodata_to_binary([parts, binary_part(html, last, byte_size(html) - last)])
  end

  # Data state: jump to the next `<`.
  defp scan(html, i, acc) do
    case :binary.match(html, "<", scope: {i, byte_size(html) - i}) do
      :nomatch -> acc
      {lt, 1} -> markup(html, lt + 1, acc)
    end
  end

  defp markup(html, i, acc) do
    case rest(html, i) do
      "!--" <> _ -> html |> skip_past(i + 3, "-->") |> then(&scan(html, &1, acc))
      <<c, _::binary>> when c in [?!, ??, ?/] -> html |> skip_past(i, ">") |> then(&scan(html, &1, acc))
      <<c, _::binary>> when c in ?a..?z or c in ?A..?Z -> tag_name(html, i, i, acc)
      _ -> scan(html, i, acc)
    end
  end

  defp tag_name(html, start, i, acc) do
    case byte(html, i) do
      c when c in [nil, ?\s, ?\t, ?\n, ?\r, ?\f, ?/, ?>] ->
        attributes(html, i, String.downcase(binary_part(html, start, i - start)), acc)

      _ ->
        tag_name(html, start, i + 1, acc)
    end
  end

  # Between attributes: skip whitespace and stray slashes; `>` ends the tag.
  defp attributes(html, i, name, acc) do
    case byte(html, i) do
      nil -> acc
      ?> -> after_tag(html, i + 1, name, acc)
      c when c in [?\s, ?\t, ?\n, ?\r, ?\f, ?/] -> attributes(html, i + 1, name, acc)
      _ -> attribute_name(html, i + 1, name, acc)
    end
  end

  defp attribute_name(html, i, name, acc) do
    case byte(html, i) do
      nil -> acc
      c when c in [?\s, ?\t, ?\n, ?\r, ?\f, ?/, ?>] -> before_value(html, skip_space(html, i), name, acc)
      ?= -> value(html, skip_space(html, i + 1), name, acc)
      _ -> attribute_name(html, i + 1, name, acc)
    end
  end

  # After a name and whitespace: either `=` and a value, or the next attribute.
  defp before_value(html, i, name, acc) do
    if byte(html, i) == ?=, do: value(html, skip_space(html, i + 1), name, acc), else: attributes(html, i, name, acc)
  end

  defp value(html, i, name, acc) do
    case byte(html, i) do
      q when q in [?", ?'] -> attributes(html, skip_past(html, i + 1, <<q>>), name, acc)
      ?> -> after_tag(html, i + 1, name, acc)
      _ -> unquoted(html, i, name, acc)
    end
  end

  defp unquoted(html, i, name, acc) do
    case byte(html, i) do
      nil -> acc
      c when c in [?\s, ?\t, ?\n, ?\r, ?\f] -> attributes(html, i, name, acc)
      # The case mochiweb gets wrong: `.../>` ends an unquoted value with a slash.
      ?> when binary_part(html, i - 1, 1) == "/" -> after_tag(html, i + 1, name, [i | acc])
      ?> -> after_tag(html, i + 1, name, acc)
      _ -> unquoted(html, i + 1, name, acc)
    end
  end

  defp after_tag(html, i, name, acc) when name in @raw_text do
    case :binary.match(html, "</", scope: {i, byte_size(html) - i}) do
      :nomatch ->
        acc

      {j, 2} ->
        candidate = binary_part(html, j + 2, min(byte_size(name), byte_size(html) - j - 2))
        if String.downcase(candidate) == name, do: scan(html, j, acc), else: after_tag(html, j + 2, name, acc)
    end
  end

  defp after_tag(html, i, _name, acc), do: scan(html, i, acc)

  defp skip_past(html, i, pattern) do
    case :binary.match(html, pattern, scope: {i, byte_size(html) - i}) do
      :nomatch -> byte_size(html)
      {j, len} -> j + len
    end
  end

  defp skip_space(html, i) do
    if byte(html, i) in [?\s, ?\t, ?\n, ?\r, ?\f], do: skip_space(html, i + 1), else: i
  end

  defp byte(html, i) when i < byte_size(html), do: :binary.at(html, i)
  defp byte(_html, _i), do: nil

  defp rest(html, i), do: binary_part(html, i, byte_size(html) - i)
end

defmodule Crawler.Url do
  @moduledoc """
  URL normalization: the WHATWG URL parser (https://url.spec.whatwg.org/#concept-basic-url-parser)
  for the two schemes a crawler visits, http and https, with query, fragment and credentials
  removed, serialized exactly as `new URL(href, base).href` would be (crawlers/normalize-url.ts).

  Elixir's `URI.merge/2` is RFC 3986, which differs from WHATWG where links in the wild need it:
  backslashes count as slashes, tabs and newlines inside a link are dropped, leading/trailing
  spaces are trimmed, `http:foo` is relative to an http base, spaces and non-ASCII are
  percent-encoded, `%2e` is a dot segment, IPv4 hosts like `0x7f.1` are canonicalized and the
  default port is dropped.

  Not covered (such URLs are rejected, so a link to them is dropped): non-ASCII host names (they
  need IDNA/punycode, which OTP lacks; they can never be the fixture's 127.0.0.1 or localhost).
  IPv6 hosts are only lower-cased, not re-serialized in compressed form.
  """

  @enforce_keys [:scheme, :host, :port, :path]
  defstruct [:scheme, :host, :port, :path]

  @typedoc "`path` holds the segments in reverse order (cheap to pop `..`); `port` nil = default."
  @type t :: %__MODULE__{scheme: String.t(), host: String.t(), port: nil | 0..65535, path: [binary]}

  @default_ports %{"http" => 80, "https" => 443}

  @doc """
  Parses `input` against `base` (an `t:t/0` or nil). Returns `{:ok, url}` for an http(s) URL, or
  `:error` when it does not parse or has another scheme (mailto:, javascript:, data:, ftp: ...).
  """
  @spec parse(binary, t | nil) :: {:ok, t} | :error
  def parse(input, base \\ nil) when is_binary(input) do
    input = input |> trim_c0() |> strip_tab_newline()

    case split_scheme(input) do
      {scheme, rest} when scheme in ["http", "https"] ->
        if base != nil and base.scheme == scheme and not starts_with_two_slashes?(rest),
          # `http:foo` and `http:/foo` are relative when the base is http too.
          do: relative(rest, base),
          else: authority(scheme, skip_slashes(rest))

      {_other_scheme, _rest} ->
        :error

      nil when base == nil ->
        :error

      nil ->
        relative(input, base)
    end
  end

  @doc "The WHATWG serialization (`href`), with no query, fragment or credentials."
  @spec to_string(t) :: String.t()
  def to_string(%__MODULE__{scheme: scheme, host: host, port: port, path: path}) do
    port_part = if port == nil, do: "", else: ":" <> Integer.to_string(port)
    IO.iodata_to_binary([scheme, "://", host, port_part, "/" | Enum.intersperse(Enum.reverse(path), "/")])
  end

  @doc "Scheme, host and port: two URLs are in the same scope exactly when these are equal."
  @spec origin(t) :: {String.t(), String.t(), nil | 0..65535}
  def origin(%__MODULE__{scheme: scheme, host: host, port: port}), do: {scheme, host, port}

  # --- the parser's states, for special (http/https) URLs only ---

  # Relative state: what is not replaced comes from the base.
  defp relative(rest, base) do
    case rest do
      <<c1, c2, _::binary>> when c1 in [?/, ?\\] and c2 in [?/, ?\\] ->
        authority(base.scheme, skip_slashes(rest))

      <<c, _::binary>> when c in [?/, ?\\] ->
        {:ok, %{base | path: parse_path(path_part(rest), [])}}

      _ ->
        case path_part(rest) do
          # "", "?x" and "#x" all mean the base itself once query and fragment are dropped.
          "" ->
            {:ok, base}

          path ->
            # A relative path replaces the base's last segment.
            {:ok, %{base | path: parse_path("/" <> path, tl(base.path))}}
        end
    end
  end

  # Authority state: `user:pass@host:port`, ending at the first / \ ? or #.
  defp authority(scheme, input) do
    {auth, after_auth} = split_at_any(input, ["/", "\\", "?", "#"])

    host_port =
      case :binary.matches(auth, "@") do
        [] -> auth
        matches -> binary_part(auth, elem(List.last(matches), 0) + 1, byte_size(auth) - elem(List.last(matches), 0) - 1)
      end

    with {:ok, host_raw, port_raw} <- split_host_port(host_port),
         {:ok, host} <- parse_host(host_raw),
         {:ok, port} <- parse_port(port_raw, scheme) do
      {:ok, %__MODULE__{scheme: scheme, host: host, port: port, path: parse_path(path_part(after_auth), [])}}
    end
  end

  defp split_host_port("[" <> _ = host_port) do
    case :binary.match(host_port, "]") do
      :nomatch -> :error
      {i, 1} ->
        case binary_part(host_port, i + 1, byte_size(host_port) - i - 1) do
          "" -> {:ok, binary_part(host_port, 0, i + 1), ""}
          ":" <> port -> {:ok, binary_part(host_port, 0, i + 1), port}
          _ -> :error
        end
    end
  end

  defp split_host_port(host_port) do
    case :binary.split(host_port, ":") do
      [host] -> {:ok, host, ""}
      [host, port] -> {:ok, host, port}
    end
  end

  defp parse_port("", _scheme), do: {:ok, nil}

  defp parse_port(digits, scheme) do
    if digits =~ ~r/\A[0-9]+\z/ do
      case String.to_integer(digits) do
        port when port > 65535 -> :error
        port -> {:ok, if(port == @default_ports[scheme], do: nil, else: port)}
      end
    else
      :error
    end
  end

  # Host parser for special URLs: percent-decode, then domain-to-ASCII (here: ASCII lower-case
  # only), forbidden code points, and the IPv4 parser when the last label looks like a number.
  defp parse_host(""), do: :error

  defp parse_host("[" <> _ = ipv6) do
    if ipv6 =~ ~r/\A\[[0-9A-Fa-f:.]+\]\z/, do: {:ok, String.downcase(ipv6)}, else: :error
  end

  defp parse_host(raw) do
    domain = percent_decode(raw)

    cond do
      not ascii?(domain) -> :error
      forbidden_domain?(domain) -> :error
      true -> domain |> String.downcase() |> ipv4_or_domain()
    end
  end

  defp ascii?(binary), do: for(<<b <- binary>>, reduce: true, do: (ok -> ok and b < 0x80))

  defp forbidden_domain?(domain) do
    for <<b <- domain>>, reduce: false do
      bad -> bad or b <= 0x20 or b == 0x7F or b in ~c"#%/:<>?@[\\]^|"
    end
  end

  defp ipv4_or_domain(domain) do
    parts = String.split(domain, ".")
    parts = if length(parts) > 1 and List.last(parts) == "", do: Enum.drop(parts, -1), else: parts

    if ends_in_number?(List.last(parts)), do: parse_ipv4(parts), else: {:ok, domain}
  end

  defp ends_in_number?(last) do
    last =~ ~r/\A[0-9]+\z/ or last =~ ~r/\A0[xX][0-9A-Fa-f]*\z/
  end

  defp parse_ipv4(parts) when length(parts) > 4, do: :error

  defp parse_ipv4(parts) do
    numbers = Enum.map(parts, &ipv4_number/1)
    {init, [last]} = Enum.split(numbers, -1)

    cond do
      Enum.any?(numbers, &(&1 == :error)) -> :error
      Enum.any?(init, &(&1 > 255)) -> :error
      last >= Integer.pow(256, 5 - length(numbers)) -> :error
      true ->
        address = Enum.with_index(init) |> Enum.reduce(last, fn {n, i}, acc -> acc + n * Integer.pow(256, 3 - i) end)
        <<a, b, c, d>> = <<address::32>>
        {:ok, Enum.join([a, b, c, d], ".")}
    end
  end

  defp ipv4_number(""), do: :error
  defp ipv4_number(<<"0", x, hex::binary>>) when x in [?x, ?X], do: parse_int(hex, 16)
  defp ipv4_number(<<"0", octal::binary>>) when octal != "", do: parse_int(octal, 8)
  defp ipv4_number(decimal), do: parse_int(decimal, 10)

  defp parse_int("", _base), do: 0

  defp parse_int(digits, base) do
    case Integer.parse(digits, base) do
      {n, ""} -> n
      _ -> :error
    end
  end

  # Path state: segments split on / and \, `.` and `..` (also as %2e) resolved, each segment
  # percent-encoded with the path percent-encode set. `acc` is the reversed starting path.
  defp parse_path("", acc), do: [""| acc]

  defp parse_path(<<c, rest::binary>>, acc) when c in [?/, ?\\] do
    segments = :binary.split(rest, ["/", "\\"], [:global])
    last = length(segments) - 1

    segments
    |> Enum.with_index()
    |> Enum.reduce(acc, fn {segment, i}, path ->
      at_end = i == last

      case dot_segment(segment) do
        :double when at_end -> ["" | pop(path)]
        :double -> pop(path)
        :single when at_end -> ["" | path]
        :single -> path
        :none -> [percent_encode(segment) | path]
      end
    end)
  end

  defp pop([]), do: []
  defp pop([_ | rest]), do: rest

  defp dot_segment(segment) do
    case String.downcase(segment) do
      s when s in [".", "%2e"] -> :single
      s when s in ["..", ".%2e", "%2e.", "%2e%2e"] -> :double
      _ -> :none
    end
  end

  # The path percent-encode set: C0 controls, space, " # < > ? ` { } (not ^, as Node 20+ leaves it) and everything above ~.
  # NOTE: must match what the reference (Node's WHATWG URL) encodes; checked by the fixture's
  # `/docs/%3C%2Fscript...` page and test cases in the README.
  defp percent_encode(segment) do
    if needs_encoding?(segment) do
      for <<b <- segment>>, into: "" do
        if encode_byte?(b), do: "%" <> Base.encode16(<<b>>), else: <<b>>
      end
    else
      segment
    end
  end

  defp needs_encoding?(segment), do: for(<<b <- segment>>, reduce: false, do: (any -> any or encode_byte?(b)))

  defp encode_byte?(b), do: b <= 0x20 or b >= 0x7F or b in ~c"\"#<>?`{}"

  # The path ends at the query or the fragment, whichever comes first.
  defp path_part(rest), do: rest |> split_at_any(["?", "#"]) |> elem(0)

  defp split_at_any(binary, separators) do
    case :binary.match(binary, separators) do
      :nomatch -> {binary, ""}
      {i, _} -> {binary_part(binary, 0, i), binary_part(binary, i, byte_size(binary) - i)}
    end
  end

  defp percent_decode(binary) do
    decode = fn
      <<?%, h1, h2, rest::binary>>, next ->
        case Integer.parse(<<h1, h2>>, 16) do
          {n, ""} -> [n | next.(rest, next)]
          _ -> [?% | next.(<<h1, h2, rest::binary>>, next)]
        end

      <<b, rest::binary>>, next ->
        [b | next.(rest, next)]

      "", _next ->
        []
    end

    if String.contains?(binary, "%"), do: IO.iodata_to_binary(decode.(binary, decode)), else: binary
  end

  defp split_scheme(<<first, _::binary>> = input) when first in ?a..?z or first in ?A..?Z do
    case scheme_end(input, 1) do
      nil -> nil
      i -> {String.downcase(binary_part(input, 0, i)), binary_part(input, i + 1, byte_size(input) - i - 1)}
    end
  end

  defp split_scheme(_input), do: nil

  defp scheme_end(input, i) when i < byte_size(input) do
    case :binary.at(input, i) do
      ?: -> i
      c when c in ?a..?z or c in ?A..?Z or c in ?0..?9 or c in [?+, ?-, ?.] -> scheme_end(input, i + 1)
      _ -> nil
    end
  end

  defp scheme_end(_input, _i), do: nil

  defp starts_with_two_slashes?(<<c1, c2, _::binary>>) when c1 in [?/, ?\\] and c2 in [?/, ?\\], do: true
  defp starts_with_two_slashes?(_), do: false

  defp skip_slashes(<<c, rest::binary>>) when c in [?/, ?\\], do: skip_slashes(rest)
  defp skip_slashes(rest), do: rest

  # Leading and trailing C0 controls and spaces go (bytes 0x00..0x20).
  defp trim_c0(<<c, rest::binary>>) when c <= 0x20, do: trim_c0(rest)
  defp trim_c0(input), do: trim_c0_trailing(input, byte_size(input))

  defp trim_c0_trailing(input, n) when n > 0 and binary_part(input, n - 1, 1) < <<0x21>>, do: trim_c0_trailing(input, n - 1)
  defp trim_c0_trailing(input, n), do: binary_part(input, 0, n)

  defp strip_tab_newline(input) do
    if :binary.match(input, ["\t", "\n", "\r"]) == :nomatch,
      do: input,
      else: :binary.replace(input, ["\t", "\n", "\r"], "", [:global])
  end
end

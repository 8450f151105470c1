defmodule Crawler.Links do
  @moduledoc """
  Link extraction with a real HTML tokenizer (mochiweb_html), never a regex: links inside
  comments and `<script>` are not links, entities (`&amp;`) are decoded, tag and attribute names
  are case-insensitive. Mirrors crawlers/extract-links.ts: the first `href` of each `<a>`, the
  first `<base href>` anywhere in the document (resolved against the page URL; an unparseable one
  is ignored), fragment and query dropped, only URLs of the page's origin kept, distinct, in
  document order.
  """

  alias Crawler.{SlashFix, Url}

  # htmlparser2 (the reference) reads these as raw text; mochiweb tokenizes all but script and
  # textarea, so tags inside the others are skipped here.
  @raw_text ~w(style title xmp)

  @doc "Distinct in-scope normalized URLs linked from `html` (a page at `page_url`, a `Url`)."
  @spec extract(binary, Url.t()) :: [String.t()]
  def extract(html, page_url) do
    {hrefs, base_href} = html |> SlashFix.fix() |> :mochiweb_html.tokens() |> collect([], nil, nil)
    base = base_url(base_href, page_url)
    origin = Url.origin(page_url)

    hrefs
    |> Enum.reverse()
    |> Enum.flat_map(fn href ->
      case Url.parse(href, base) do
        {:ok, url} -> if Url.origin(url) == origin, do: [Url.to_string(url)], else: []
        :error -> []
      end
    end)
    |> Enum.uniq()
  end

  # `skip` is the raw-text element being skipped, if any.
  defp collect([], hrefs, base, _skip), do: {hrefs, base}
  defp collect([{:end_tag, name} | rest], hrefs, base, name), do: collect(rest, hrefs, base, nil)
  defp collect([_ | rest], hrefs, base, skip) when skip != nil, do: collect(rest, hrefs, base, skip)

  defp collect([{:start_tag, tag, attrs, singleton} | rest], hrefs, base, nil) do
    case {tag, List.keyfind(attrs, "href", 0)} do
      {"a", {_, href}} -> collect(rest, [href | hrefs], base, nil)
      {"base", {_, href}} when base == nil -> collect(rest, hrefs, href, nil)
      {raw, _} when raw in @raw_text and not singleton -> collect(rest, hrefs, base, raw)
      _ -> collect(rest, hrefs, base, nil)
    end
  end

  defp collect([_ | rest], hrefs, base, nil), do: collect(rest, hrefs, base, nil)

  # A `<base href>` with another scheme (ftp:, data: ...) leaves relative links unresolvable,
  # as in a browser; only absolute http(s) links then survive (Url.parse with a nil base).
  defp base_url(nil, page_url), do: page_url

  defp base_url(href, page_url) do
    case Url.parse(href, page_url) do
      {:ok, url} -> url
      :error -> if non_http_scheme?(href), do: nil, else: page_url
    end
  end

  defp non_http_scheme?(href) do
    case Regex.run(~r/\A[A-Za-z][A-Za-z0-9+.\-]*(?=:)/, String.trim(href)) do
      [scheme] -> String.downcase(scheme) not in ["http", "https"]
      nil -> false
    end
  end
end

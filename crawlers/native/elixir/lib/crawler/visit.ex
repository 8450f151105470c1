defmodule Crawler.Visit do
  @moduledoc """
  The unit of work both crawlers run: fetch one URL (with our own retries) and turn the answer
  into its page record plus the in-scope URLs it leads to (crawlers/visit-page.ts). Links come
  only from 2xx HTML; a redirect contributes its normalized `Location` when it stays in scope.
  """

  alias Crawler.{Http, Links, Url}

  # First retry waits 50 ms, then 100, 200, ... never more than a second (fetch-page.ts).
  @backoff_base_ms 50
  @backoff_cap_ms 1_000

  @type result :: %{record: map, found: [String.t()], requests: pos_integer}

  @spec visit(String.t(), map) :: result
  def visit(url, ctx) do
    started = System.monotonic_time()
    fetched = fetch(url, ctx, 0, 0, 0)
    ms = System.convert_time_unit(System.monotonic_time() - started, :native, :microsecond) / 1000
    {record, found} = to_record(url, fetched)
    %{record: Map.merge(record, %{ms: ms, links: length(found)}), found: found, requests: fetched.requests}
  end

  @doc "Worst case of one visit: every attempt times out, plus the backoffs between them."
  @spec max_duration_ms(map) :: pos_integer
  def max_duration_ms(%{timeout_ms: timeout_ms, retries: retries}) do
    backoffs = for n <- 0..retries, n < retries, do: backoff_ms(n)
    (retries + 1) * timeout_ms + Enum.sum(backoffs)
  end

  defp fetch(url, ctx, attempt, bytes, requests) do
    result = Http.get(url, ctx)
    requests = requests + result.requests
    bytes = bytes + result.bytes
    # httpc's own hidden retries (Crawler.HiddenRetries) use up attempts like ours do.
    attempt = attempt + result.requests - 1

    if attempt >= ctx.retries or not retryable?(result) do
      %{result | bytes: bytes, requests: requests}
    else
      Process.sleep(backoff_ms(attempt))
      fetch(url, ctx, attempt + 1, bytes, requests)
    end
  end

  # Retry what is likely transient: a broken or refused connection, a 5xx, a 429. Not a timeout
  # (it already cost timeout-ms and tends to repeat), nor too-large, tls, decode or dns: those
  # repeat exactly (fetch-page.ts, isRetryable).
  defp retryable?(%{error: nil, status: status}), do: status >= 500 or status == 429
  defp retryable?(%{error: error}), do: error in [:reset, :refused, :network]

  defp backoff_ms(attempt), do: min(@backoff_cap_ms, @backoff_base_ms * Integer.pow(2, attempt))

  defp to_record(url, fetched) do
    record = %{url: url, status: fetched.status, bytes: fetched.bytes}
    {:ok, page_url} = Url.parse(url)

    cond do
      fetched.error != nil ->
        {Map.put(record, :error, fetched.error), []}

      fetched.status in [301, 302, 303, 307, 308] and fetched.location != nil ->
        redirect(record, fetched.location, page_url)

      fetched.status in 200..299 and fetched.body != nil ->
        {record, Links.extract(fetched.body, page_url)}

      true ->
        {record, []}
    end
  end

  defp redirect(record, location, page_url) do
    case Url.parse(location, page_url) do
      {:ok, target} ->
        href = Url.to_string(target)
        found = if Url.origin(target) == Url.origin(page_url), do: [href], else: []
        {Map.put(record, :redirectTo, href), found}

      :error ->
        {record, []}
    end
  end
end

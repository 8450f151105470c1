defmodule Crawler.LevelCrawler do
  @moduledoc """
  `elixir`: the article's pattern, kept faithfully. Breadth-first by level: `Stream.resource`
  carries `{urls_of_this_level, found_urls}`; each level runs `Task.async_stream` with
  `max_concurrency: W, ordered: false`, so a level waits for its slowest page before the next
  one starts (the per-level barrier). New URLs are made unique within the level and rejected if
  already in `found_urls`, which is a **list** checked with `Enum.member?` as in the seed:
  quadratic, but only in the distinct URLs of a level times the URLs found so far (the level's
  duplicates go first through `Enum.uniq/1`), which stays cheap at the fixture's sizes (see
  README for the 5000-page figures).
  """

  alias Crawler.Visit

  @spec crawl(String.t(), map) :: [Visit.result()]
  def crawl(start_url, ctx) do
    # Above the worst case of one visit, so a task is only killed if something is truly stuck.
    task_timeout = Visit.max_duration_ms(ctx) + 5_000

    Stream.resource(
      fn -> {[start_url], [start_url]} end,
      fn
        {[], _found} ->
          {:halt, nil}

        {urls, found} ->
          visits =
            urls
            |> Task.async_stream(&Visit.visit(&1, ctx),
              max_concurrency: ctx.workers,
              ordered: false,
              timeout: task_timeout,
              on_timeout: :kill_task,
              zip_input_on_exit: true
            )
            |> Enum.map(&result/1)

          # Visit.visit already keeps only same-origin URLs (the seed filtered by host here).
          new =
            visits
            |> Enum.flat_map(& &1.found)
            |> Enum.uniq()
            |> Enum.reject(&Enum.member?(found, &1))
            |> Enum.take(max(ctx.max_pages - length(found), 0))

          {visits, {new, found ++ new}}
      end,
      fn _ -> :ok end
    )
    |> Enum.to_list()
  end

  defp result({:ok, visit}), do: visit

  # Only if a task outlived every timeout and backoff together: record it rather than lose it.
  defp result({:exit, {url, :timeout}}),
    do: %{record: %{url: url, status: 0, bytes: 0, ms: 0.0, links: 0, error: :timeout}, found: [], requests: 1}
end

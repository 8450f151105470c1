defmodule Crawler.PoolCrawler do
  @moduledoc """
  `elixir-pool`: the idiomatic Erlang-style design, without the per-level barrier. One
  coordinator (the calling process) owns the frontier (a `:queue`) and the seen set (a
  `MapSet`), and keeps W visits in flight at all times, each a task under a `Task.Supervisor`
  started with `async_nolink`: a crashing visit cannot take the coordinator down with it, and
  its `:DOWN` reaches the coordinator as a message.
  """

  alias Crawler.Visit

  @spec crawl(String.t(), map) :: [Visit.result()]
  def crawl(start_url, ctx) do
    {:ok, supervisor} = Task.Supervisor.start_link()

    state = %{
      ctx: ctx,
      supervisor: supervisor,
      queue: :queue.from_list([start_url]),
      seen: MapSet.new([start_url]),
      in_flight: %{},
      visits: []
    }

    visits = state |> fill() |> loop()
    Supervisor.stop(supervisor)
    visits
  end

  defp loop(%{in_flight: in_flight} = state) when map_size(in_flight) == 0, do: state.visits

  defp loop(state) do
    receive do
      {ref, visit} when is_map_key(state.in_flight, ref) ->
        Process.demonitor(ref, [:flush])
        state = %{state | in_flight: Map.delete(state.in_flight, ref), visits: [visit | state.visits]}
        visit.found |> Enum.reduce(state, &admit/2) |> fill() |> loop()

      {:DOWN, ref, :process, _pid, reason} when is_map_key(state.in_flight, ref) ->
        # A visit never fails for network trouble (that is a record), so this is a bug: say so.
        raise "visit of #{state.in_flight[ref]} crashed: #{inspect(reason)}"
    end
  end

  defp admit(url, state) do
    if MapSet.size(state.seen) >= state.ctx.max_pages or MapSet.member?(state.seen, url),
      do: state,
      else: %{state | seen: MapSet.put(state.seen, url), queue: :queue.in(url, state.queue)}
  end

  # Start visits until W are in flight or nothing is pending.
  defp fill(state) do
    if map_size(state.in_flight) < state.ctx.workers do
      case :queue.out(state.queue) do
        {{:value, url}, queue} ->
          task = Task.Supervisor.async_nolink(state.supervisor, Visit, :visit, [url, state.ctx])
          fill(%{state | queue: queue, in_flight: Map.put(state.in_flight, task.ref, url)})

        {:empty, _} ->
          state
      end
    else
      state
    end
  end
end

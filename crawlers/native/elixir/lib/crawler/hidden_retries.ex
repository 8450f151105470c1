defmodule Crawler.HiddenRetries do
  @moduledoc """
  Counts the retries :httpc sends on its own. httpc_response answers a 503 that carries
  `Retry-After` (under 100 s) by re-sending the request itself after that delay, and no option
  turns this off (OTP 25, lib/inets/src/http_client/httpc_response.erl,
  `status_service_unavailable/2`); the caller only ever sees the final answer. The fixture's
  `/status/flaky` sends `503` with `Retry-After: 0`, so without this the request count would be
  short and the page would look as if our own retry had never been needed.

  Every such retry goes through `httpc_manager:retry_request({Time, Request}, Profile)`, called
  by the connection's handler process; a call trace on that one function (no other function is
  traced, so the rest of the VM runs untraced) gives the request's id, which is the reference our
  caller holds. `take/1` waits until every trace message emitted so far has reached this process
  (`erlang:trace_delivered/1`), so a count read after the final answer is complete.
  """

  use GenServer

  @spec start_link() :: GenServer.on_start()
  def start_link, do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)

  @doc "How many hidden retries httpc made for request `ref` (and forget it)."
  @spec take(reference) :: non_neg_integer
  def take(ref) do
    delivered = :erlang.trace_delivered(:all)
    receive do: ({:trace_delivered, :all, ^delivered} -> :ok)
    GenServer.call(__MODULE__, {:take, ref})
  end

  @impl true
  def init(nil) do
    # Make sure the module is loaded, or trace_pattern would match nothing.
    {:module, :httpc_manager} = Code.ensure_loaded(:httpc_manager)
    1 = :erlang.trace_pattern({:httpc_manager, :retry_request, 2}, true, [:global])
    :erlang.trace(:all, true, [:call, {:tracer, self()}])
    {:ok, %{}}
  end

  @impl true
  def handle_info({:trace, _pid, :call, {:httpc_manager, :retry_request, [{_delay_ms, request}, _profile]}}, counts) do
    # #request{} record: element 1 is its id, the reference httpc:request/5 returned.
    {:noreply, Map.update(counts, elem(request, 1), 1, &(&1 + 1))}
  end

  # The same function called again by the timer, with the bare request: the same retry.
  def handle_info({:trace, _pid, :call, _other}, counts), do: {:noreply, counts}

  @impl true
  def handle_call({:take, ref}, _from, counts) do
    {count, counts} = Map.pop(counts, ref, 0)
    {:reply, count, counts}
  end
end

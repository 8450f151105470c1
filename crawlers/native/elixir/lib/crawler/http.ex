defmodule Crawler.Http do
  @moduledoc """
  One HTTP GET through OTP's :httpc, the article's client replaced by what OTP ships.

  The profile is set up so that W workers really get W connections: httpc's defaults (2
  sessions per host, requests queued behind busy keep-alive sessions) would serialize them.
  Requests are asynchronous and streamed (`sync: false, stream: :self`), so the status and
  headers arrive before the body: a body that breaks off is then `reset` with its status (the
  synchronous API only says `socket_closed_remotely` and loses the 200), and the body cap and the
  one timeout covering headers and body are enforced here, chunk by chunk. httpc streams only
  200 and 206 answers (we never send Range, so a stream is a 200); others arrive whole.
  """

  alias Crawler.HiddenRetries

  @profile :crawler

  # NOTE: same headers as crawlers/fetch-page.ts, minus `br`: OTP cannot decode Brotli.
  @request_headers [
    {~c"accept", ~c"text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"},
    {~c"accept-encoding", ~c"gzip, deflate"},
    {~c"user-agent", ~c"crawlbench/0.1 (+https://github.com/crawlbench)"}
  ]

  @type attempt :: %{
          status: non_neg_integer,
          bytes: non_neg_integer,
          requests: pos_integer,
          content_type: String.t() | nil,
          location: String.t() | nil,
          body: binary | nil,
          error: atom | nil
        }

  @doc "Starts the :httpc profile: W persistent sessions, no pipelining, no cookies."
  @spec start_profile(pos_integer) :: :ok
  def start_profile(workers) do
    {:ok, _pid} = :inets.start(:httpc, profile: @profile)

    :ok =
      :httpc.set_options(
        [
          max_sessions: workers,
          # A session is chosen only while its queue is at most this long: 0 means an idle one,
          # so a request never waits behind another on a busy connection.
          max_keep_alive_length: 0,
          # 0 = no pipelining (plain keep-alive sessions).
          pipeline_timeout: 0,
          max_pipeline_length: 0,
          keep_alive_timeout: 120_000,
          cookies: :disabled
        ],
        @profile
      )
  end

  @doc """
  TLS options for `https:` URLs: the peer is verified against `ca_path` (or the system roots
  when it is ""), and its certificate must name the host we dialled. For an IP address the
  reference identity is that address (an `iPAddress` SAN); SNI is not sent for IPs (RFC 6066).
  """
  @spec ssl_options(String.t(), String.t()) :: keyword
  def ssl_options(ca_path, host) do
    roots = if ca_path == "", do: [cacerts: :public_key.cacerts_get()], else: [cacertfile: String.to_charlist(ca_path)]
    host = String.to_charlist(host)

    identity =
      case :inet.parse_address(host) do
        {:ok, _ip} -> [server_name_indication: :disable]
        {:error, :einval} -> [server_name_indication: host]
      end

    # The IP case still runs the hostname check: verify_fun below compares the leaf's SANs.
    [verify: :verify_peer, depth: 4, versions: [:"tlsv1.3", :"tlsv1.2"]] ++ roots ++ identity ++ ip_verify(host)
  end

  # With SNI disabled, OTP's ssl has no reference identity, so it would skip the hostname check:
  # for an IP host, verify the leaf against it explicitly with public_key:pkix_verify_hostname/2.
  defp ip_verify(host) do
    case :inet.parse_address(host) do
      {:ok, ip} ->
        [
          verify_fun:
            {fn
               _cert, {:bad_cert, _} = reason, _state -> {:fail, reason}
               _cert, {:extension, _}, state -> {:unknown, state}
               _cert, :valid, state -> {:valid, state}
               cert, :valid_peer, state ->
                 if :public_key.pkix_verify_hostname(cert, [ip: ip]),
                   do: {:valid, state},
                   else: {:fail, {:bad_cert, :hostname_check_failed}}
             end, nil}
        ]

      {:error, :einval} ->
        []
    end
  end

  @doc """
  One attempt at `url`. Never raises for network trouble: the result's `error` is one of
  timeout | reset | too-large | refused | dns | tls | decode | network. `requests` counts the
  request plus any hidden retry httpc made (Crawler.HiddenRetries).
  """
  @spec get(String.t(), map) :: attempt
  def get(url, %{timeout_ms: timeout_ms, max_body_bytes: max_bytes, ssl: ssl}) do
    http_options = [
      # Ours (below) fires first; httpc's own is only a backstop.
      timeout: timeout_ms + 1_000,
      connect_timeout: timeout_ms,
      autoredirect: false,
      ssl: ssl
    ]

    options = [sync: false, stream: :self, body_format: :binary]
    {:ok, ref} = :httpc.request(:get, {String.to_charlist(url), @request_headers}, http_options, options, @profile)
    deadline = :erlang.start_timer(timeout_ms, self(), :deadline)
    state = %{ref: ref, deadline: deadline, status: 0, bytes: 0, max: max_bytes, chunks: [], keep: false, zlib: nil, head: %{}}
    result = receive_response(state)
    :erlang.cancel_timer(deadline)
    flush(deadline)
    Map.put(result, :requests, 1 + HiddenRetries.take(ref))
  end

  defp receive_response(%{ref: ref} = state) do
    receive do
      {:http, {^ref, :stream_start, headers}} ->
        start_body(%{state | status: 200}, headers)

      {:http, {^ref, :stream, chunk}} ->
        case add_chunk(state, chunk) do
          {:ok, state} -> receive_response(state)
          {:error, kind, state} -> cancel(state, kind)
        end

      {:http, {^ref, :stream_end, _headers}} ->
        finish_body(state)

      {:http, {^ref, {{_version, status, _reason}, headers, body}}} ->
        whole_response(%{state | status: status}, headers, body)

      {:http, {^ref, {:error, reason}}} ->
        done(state, classify(reason))

      {:timeout, timer, :deadline} when timer == state.deadline ->
        cancel(state, :timeout)
    end
  end

  defp start_body(state, headers) do
    state = %{state | head: head(headers)}

    case open_decoder(state.head.encoding) do
      :error ->
        cancel(state, :decode)

      {:ok, zlib} ->
        state = %{state | zlib: zlib, keep: html?(state.head.content_type)}
        # A declared length past the cap fails at once (as fetch-page.ts does when not encoded).
        if state.head.encoding == nil and state.head.length > state.max,
          do: cancel(state, :"too-large"),
          else: receive_response(state)
    end
  end

  defp whole_response(state, headers, body) do
    state = %{state | head: head(headers)}

    with {:ok, zlib} <- open_decoder(state.head.encoding),
         state = %{state | zlib: zlib, keep: html?(state.head.content_type)},
         {:ok, state} <- add_chunk(state, body) do
      finish_body(state)
    else
      :error -> done(state, :decode)
      {:error, kind, state} -> done(close_decoder(state), kind)
    end
  end

  defp add_chunk(%{zlib: nil} = state, chunk), do: count(state, chunk)

  defp add_chunk(%{zlib: zlib} = state, chunk) do
    inflate(state, :zlib.safeInflate(zlib, chunk))
  rescue
    ErlangError -> {:error, :decode, state}
  end

  # safeInflate hands out bounded pieces, so a compression bomb stops at the cap: `continue`
  # means more output is pending, `finished` that this input is used up (not the end of the
  # stream: inflateEnd tells that, in finish_body).
  defp inflate(state, {:continue, out}) do
    with {:ok, state} <- count(state, out), do: inflate(state, :zlib.safeInflate(state.zlib, []))
  end

  defp inflate(state, {:finished, out}), do: count(state, out)

  defp count(state, data) do
    bytes = state.bytes + IO.iodata_length(data)
    state = %{state | bytes: bytes, chunks: if(state.keep, do: [state.chunks | data], else: [])}
    if bytes > state.max, do: {:error, :"too-large", state}, else: {:ok, state}
  end

  defp finish_body(%{zlib: nil} = state), do: done(state, nil)

  defp finish_body(%{zlib: zlib} = state) do
    # A compressed body that ends before its end marker is corrupt (Node's gunzip says the same):
    # inflateEnd raises data_error then.
    complete =
      try do
        :zlib.inflateEnd(zlib)
      rescue
        ErlangError -> false
      end

    :zlib.close(zlib)
    done(%{state | zlib: nil}, if(complete == :ok, do: nil, else: :decode))
  end

  defp cancel(state, kind) do
    :ok = :httpc.cancel_request(state.ref, @profile)
    flush_request(state.ref)
    done(close_decoder(state), kind)
  end

  defp done(state, error) do
    body = if error == nil and state.keep, do: IO.iodata_to_binary(state.chunks), else: nil
    head = state.head

    %{
      status: state.status,
      bytes: state.bytes,
      content_type: Map.get(head, :content_type),
      location: Map.get(head, :location),
      body: body,
      error: error
    }
  end

  defp head(headers) do
    get = fn name -> with {_, v} <- List.keyfind(headers, name, 0), do: List.to_string(v) end

    %{
      content_type: get.(~c"content-type"),
      location: get.(~c"location"),
      encoding: encoding(get.(~c"content-encoding")),
      length: length_of(get.(~c"content-length"))
    }
  end

  defp encoding(nil), do: nil

  defp encoding(value) do
    case value |> String.split(",") |> Enum.map(&(&1 |> String.trim() |> String.downcase())) |> Enum.reject(&(&1 in ["", "identity"])) do
      [] -> nil
      [coding] -> coding
      _several -> :unsupported
    end
  end

  defp length_of(nil), do: 0

  defp length_of(value) do
    case Integer.parse(String.trim(value)) do
      {n, ""} -> n
      _ -> 0
    end
  end

  # gzip and deflate both: window bits 15 + 32 detects a gzip or a zlib header itself, since
  # servers disagree about what `deflate` means (same choice as read-body.ts).
  defp open_decoder(nil), do: {:ok, nil}

  defp open_decoder(coding) when coding in ["gzip", "x-gzip", "deflate"] do
    zlib = :zlib.open()
    :ok = :zlib.inflateInit(zlib, 47)
    {:ok, zlib}
  end

  defp open_decoder(_other), do: :error

  defp close_decoder(%{zlib: nil} = state), do: state

  defp close_decoder(%{zlib: zlib} = state) do
    :zlib.close(zlib)
    %{state | zlib: nil}
  end

  defp html?(nil), do: false
  defp html?(content_type), do: content_type =~ ~r/\A\s*text\/html\s*(;|\z)/i

  # httpc's error terms, mapped to the contract's kinds (cf. crawlers/classify-error.ts).
  defp classify(:timeout), do: :timeout
  defp classify(:socket_closed_remotely), do: :reset
  # The connection closed under a response in progress (the body broke off).
  defp classify({:shutdown, :server_closed}), do: :reset
  defp classify({:failed_connect, details}), do: details |> List.keyfind(:inet, 0) |> connect_error()
  defp classify(reason) when reason in [:econnreset, :closed, :epipe, :econnaborted], do: :reset
  defp classify(_other), do: :network

  defp connect_error({:inet, _opts, reason}), do: connect_reason(reason)
  defp connect_error(_), do: :network

  defp connect_reason(:econnrefused), do: :refused
  defp connect_reason(reason) when reason in [:nxdomain, :ehostunreach_dns], do: :dns
  defp connect_reason(:timeout), do: :timeout
  defp connect_reason({:tls_alert, _}), do: :tls
  defp connect_reason({:options, _}), do: :tls
  defp connect_reason({:keyfile, _}), do: :tls
  defp connect_reason(reason) when reason in [:econnreset, :closed], do: :reset
  defp connect_reason(_other), do: :network

  defp flush_request(ref) do
    receive do
      {:http, {^ref, _}} -> flush_request(ref)
      {:http, {^ref, _, _}} -> flush_request(ref)
    after
      0 -> :ok
    end
  end

  defp flush(timer) do
    receive do
      {:timeout, ^timer, :deadline} -> :ok
    after
      0 -> :ok
    end
  end
end

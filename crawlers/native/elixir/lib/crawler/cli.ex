defmodule Crawler.CLI do
  @moduledoc """
  Entry point of both escripts: parse, start the client, crawl, write the JSON. The variant
  comes from the escript's own file name, since the command line is fixed: `elixir-pool` runs
  Crawler.PoolCrawler, anything else Crawler.LevelCrawler (the article's pattern).
  """

  alias Crawler.{HiddenRetries, Http, Json, LevelCrawler, Options, PoolCrawler, Url}

  @spec main([String.t()]) :: no_return
  def main(argv) do
    case Options.parse(argv) do
      {:ok, options} ->
        run(options)
        halt(0)

      :help ->
        IO.write(Options.usage())
        halt(0)

      {:error, message} ->
        IO.puts(:stderr, "error: #{message} (see --help)")
        halt(2)
    end
  end

  defp run(options) do
    load_mochiweb()
    {:ok, _} = Application.ensure_all_started(:inets)
    {:ok, _} = Application.ensure_all_started(:ssl)
    {:ok, _} = HiddenRetries.start_link()
    :ok = Http.start_profile(options.workers)
    preload(if options.start.scheme == "https", do: [:inets, :crypto, :public_key, :ssl], else: [:inets])

    ctx = %{
      workers: options.workers,
      timeout_ms: options.timeout_ms,
      retries: options.retries,
      max_pages: options.max_pages,
      max_body_bytes: options.max_body_bytes,
      ssl: if(options.start.scheme == "https", do: Http.ssl_options(options.ca, options.start.host), else: [])
    }

    crawler = if variant() == "elixir-pool", do: PoolCrawler, else: LevelCrawler
    started = System.monotonic_time()
    visits = crawler.crawl(Url.to_string(options.start), ctx)
    duration_ms = System.convert_time_unit(System.monotonic_time() - started, :native, :microsecond) / 1000

    result = %{
      pages: Enum.map(visits, & &1.record),
      stats: %{requests: visits |> Enum.map(& &1.requests) |> Enum.sum(), durationMs: duration_ms}
    }

    write_atomically(options.out, Json.encode(result))
  end

  defp variant do
    :escript.script_name() |> List.to_string() |> Path.basename()
  rescue
    # Not running as an escript (mix run, tests): the article's variant.
    _ -> "elixir"
  end

  # mochiweb_html comes from Debian's erlang-mochiweb, outside the escript. Its ebin is normally
  # on the code path already (it lives under the OTP root's lib/); add it if not.
  defp load_mochiweb do
    unless Code.ensure_loaded?(:mochiweb_html) do
      Path.join([List.to_string(:code.root_dir()), "lib", "mochiweb*", "ebin"])
      |> Path.wildcard()
      |> Enum.each(&Code.prepend_path/1)

      Code.ensure_loaded?(:mochiweb_html) || raise "mochiweb_html not found: apt-get install erlang-mochiweb"
    end
  end

  # The VM loads a module on its first call; for TLS that is a few hundred modules (ssl,
  # public_key, crypto), which made the first handshake cost up to a second of crawl time. Load
  # them during start-up instead, as Node has its TLS stack loaded before its first request.
  defp preload(apps) do
    for app <- apps do
      {:ok, modules} = :application.get_key(app, :modules)
      :ok = :code.ensure_modules_loaded(modules)
    end
  end

  defp write_atomically(path, iodata) do
    tmp = path <> ".tmp"
    File.write!(tmp, iodata)
    File.rename!(tmp, path)
  end

  # erlang:halt/1 flushes stdout/stderr first; :init.stop/1 would add over a second of orderly
  # application shutdown to every run for nothing (the result file is already written).
  defp halt(code), do: System.halt(code)
end

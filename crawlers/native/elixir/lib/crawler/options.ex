defmodule Crawler.Options do
  @moduledoc """
  The fixed command line shared by every native crawler (tools/native-spec.md), parsed and
  validated once. Each field with its default:

    * `--url` (required): http or https start URL; its origin is the scope
    * `--workers` 10: the most requests in flight
    * `--timeout-ms` 10000: per request, headers and body
    * `--retries` 2: extra attempts after a network error, a 5xx or a 429
    * `--max-pages` 100000: stop admitting URLs past this many
    * `--max-body-bytes` 10485760: larger bodies end as `too-large`
    * `--ca` "": PEM CA to trust; "" = the system roots
    * `--out` (required): where the result JSON goes
  """

  alias Crawler.Url

  @switches [
    url: :string,
    workers: :integer,
    timeout_ms: :integer,
    retries: :integer,
    max_pages: :integer,
    max_body_bytes: :integer,
    ca: :string,
    out: :string,
    help: :boolean
  ]

  @defaults %{workers: 10, timeout_ms: 10_000, retries: 2, max_pages: 100_000, max_body_bytes: 10 * 1024 * 1024, ca: ""}

  @usage """
  usage: elixir --url URL --out FILE [--workers 10] [--timeout-ms 10000] [--retries 2]
                [--max-pages 100000] [--max-body-bytes 10485760] [--ca PEM or ""]
  """

  def usage, do: @usage

  @doc "`{:ok, options}`, `:help`, or `{:error, one_line_message}`."
  @spec parse([String.t()]) :: {:ok, map} | :help | {:error, String.t()}
  def parse(argv) do
    case OptionParser.parse(argv, strict: @switches) do
      {parsed, [], []} ->
        if parsed[:help], do: :help, else: validate(Map.merge(@defaults, Map.new(parsed)))

      {_, [extra | _], _} ->
        {:error, "unexpected argument #{inspect(extra)}"}

      {_, _, [{flag, nil} | _]} ->
        {:error, "unknown flag #{flag}"}

      {_, _, [{flag, value} | _]} ->
        {:error, "bad value #{inspect(value)} for #{flag}"}
    end
  end

  defp validate(options) do
    with :ok <- required(options, :url),
         :ok <- required(options, :out),
         :ok <- at_least(options, :workers, 1),
         :ok <- at_least(options, :timeout_ms, 1),
         :ok <- at_least(options, :retries, 0),
         :ok <- at_least(options, :max_pages, 1),
         :ok <- at_least(options, :max_body_bytes, 0),
         {:ok, start} <- start_url(options.url),
         :ok <- ca_readable(options.ca) do
      {:ok, Map.put(options, :start, start)}
    end
  end

  defp required(options, key) do
    if Map.has_key?(options, key), do: :ok, else: {:error, "missing --#{flag(key)}"}
  end

  defp at_least(options, key, min) do
    if options[key] >= min, do: :ok, else: {:error, "--#{flag(key)} must be at least #{min}"}
  end

  defp start_url(url) do
    case Url.parse(url) do
      {:ok, start} -> {:ok, start}
      :error -> {:error, "--url must be an http or https URL, got #{inspect(url)}"}
    end
  end

  defp ca_readable(""), do: :ok
  defp ca_readable(path), do: if(File.regular?(path), do: :ok, else: {:error, "--ca #{path}: no such file"})

  defp flag(key), do: key |> Atom.to_string() |> String.replace("_", "-")
end

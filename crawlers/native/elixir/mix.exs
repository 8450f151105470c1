defmodule Crawler.MixProject do
  use Mix.Project

  # No dependencies on purpose: hex.pm is not reachable, so the HTTP client is OTP's :httpc and
  # the HTML tokenizer is :mochiweb_html from Debian's erlang-mochiweb, found on the system code
  # path at run time (see Crawler.Links).
  def project do
    [
      app: :crawler,
      version: "0.1.0",
      elixir: "~> 1.14",
      # All build output under build/ (git-ignored), not the default _build/.
      build_path: "build/mix",
      deps_path: "build/deps",
      deps: [],
      # mochiweb_html is loaded from the system at run time (Crawler.CLI), not a mix dependency.
      xref: [exclude: [:mochiweb_html]],
      escript: [main_module: Crawler.CLI, path: "build/elixir"],
      aliases: [build: ["escript.build", &copy_pool_escript/1]]
    ]
  end

  def application, do: [extra_applications: [:inets, :ssl, :public_key, :crypto]]

  # The command line is fixed, so the variant is chosen by the escript's own name (Crawler.CLI):
  # build/elixir is the article's level-by-level crawler, build/elixir-pool the supervised pool.
  defp copy_pool_escript(_args), do: File.cp!("build/elixir", "build/elixir-pool")
end

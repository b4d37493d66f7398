// jixiao — budget performance targets (绩效目标表) read, checked, stored, served.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"jixiao: read and review Chinese budget performance target tables (绩效目标表)"};
  app.require_subcommand(1);
  jixiao::cli::register_parse(app);
  jixiao::cli::register_synth(app);
  jixiao::cli::register_check(app);
  jixiao::cli::register_ingest(app);
  jixiao::cli::register_query(app);
  jixiao::cli::register_sql(app);
  jixiao::cli::register_export(app);
  jixiao::cli::register_source(app);
  jixiao::cli::register_render(app);
  jixiao::cli::register_serve(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}

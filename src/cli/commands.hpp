// The jixiao subcommands. Each registers itself on the CLI11 app; main.cpp
// only wires them together.
#pragma once

#include <CLI/CLI.hpp>

namespace jixiao::cli {

void register_parse(CLI::App& app);
void register_synth(CLI::App& app);
void register_check(CLI::App& app);
void register_ingest(CLI::App& app);
void register_query(CLI::App& app);
void register_sql(CLI::App& app);
void register_export(CLI::App& app);
void register_source(CLI::App& app);
void register_render(CLI::App& app);
void register_serve(CLI::App& app);

}  // namespace jixiao::cli

// critwin: compute, simulate and verify critical windows of stochastic-localization samplers.
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/cli_field.hpp"
#include "app/command.hpp"
#include "bounds/engine_factory.hpp"
#include "model/input_error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"critwin: exact, Monte Carlo and verified critical windows of generative models (BoE, arXiv 2502.00921)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "critwin 0.1.0");
  app.footer(critwin::exact_engine_limits());
  critwin::app::command_add_all(app);
  // Every input error, from CLI11 or from critwin, is one line on stderr and exit status 2.
  auto input_error = [](const std::string& what) {
    std::cerr << "critwin: error: " << what << "\n";
    return 2;
  };
  try {
    if (auto e = critwin::app::unknown_words(app, argc, argv)) return input_error(e->what());
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return input_error(critwin::app::parse_error_text(e, app));
  } catch (const critwin::InputError& e) {
    const CLI::App* cmd = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
    return input_error(critwin::app::as_flag(e, *cmd).what());
  } catch (const std::exception& e) {
    std::cerr << "critwin: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

// critwin: compute, simulate and verify critical windows of stochastic-localization samplers.
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/cli_field.hpp"
#include "app/command.hpp"
#include "bounds/engine_factory.hpp"
#include "model/input_error.hpp"
#include "samplers/distributed.hpp"

namespace {

// Prints the error (rank 0's stderr is the only one shown under mpirun) and returns the exit status:
// every input error, from CLI11 or from critwin, is one line on stderr and exit status 2.
int report(const std::exception_ptr& ep, CLI::App& app, std::string& message) {
  auto fail = [&](const std::string& what, int code) {
    message = what;
    std::cerr << "critwin: error: " << what << "\n";
    return code;
  };
  try {
    std::rethrow_exception(ep);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(critwin::app::parse_error_text(e, app), 2);
  } catch (const critwin::InputError& e) {
    const CLI::App* cmd = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
    return fail(critwin::app::as_flag(e, *cmd).what(), 2);
  } catch (const critwin::dist::RankFailure& e) {
    return fail(fmt::format("rank {} of {}: {}", e.rank(), e.size(), e.what()), e.exit_code());
  } catch (const std::exception& e) {
    return fail(e.what(), 1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  // MPI only when started by mpirun/srun (see samplers/distributed.hpp); otherwise nothing changes.
  critwin::dist::Session mpi(argc, argv);
  CLI::App app{"critwin: exact, Monte Carlo and verified critical windows of generative models (BoE, arXiv 2502.00921)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "critwin 0.1.0");
  app.footer(critwin::exact_engine_limits());
  critwin::app::command_add_all(app);
  int code = 0;
  std::string message;
  try {
    if (auto e = critwin::app::unknown_words(app, argc, argv)) {
      message = e->what();
      std::cerr << "critwin: error: " << message << "\n";
      code = 2;
    } else {
      app.parse(argc, argv);
    }
  } catch (...) {
    code = report(std::current_exception(), app, message);
  }
  // Under mpirun: a rank that failed outside the deal/gather calls tells the others here; rank 0 reports it.
  if (auto other = critwin::dist::agree_final(code, message)) {
    std::cerr << "critwin: error: rank " << other->rank << " of " << critwin::dist::size() << ": " << other->message << "\n";
    code = other->code;
  }
  return code;
}

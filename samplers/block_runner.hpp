// The deterministic parallel engine: samples 0..n-1 are cut into blocks of a fixed size (independent of the
// thread count), blocks run on oneTBB, and per-block results are merged serially in block order. Since each
// sample's randomness depends only on (seed, sample index), results are bit-identical for any thread count.
// Blocks are processed a bounded chunk at a time, so memory does not grow with n. Under mpirun the blocks of
// each chunk are dealt to the ranks (samplers/distributed.hpp) and every rank merges all of them in block
// order, so the result is also bit-identical for any number of ranks.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include "model/interrupt.hpp"
#include "samplers/distributed.hpp"

namespace critwin {

inline constexpr uint64_t kSamplesPerBlock = 1u << 14;
inline constexpr uint64_t kBlocksPerChunk = 256;

// Called after each chunk with the number of samples done; may be empty.
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

// Acc must be default-constructible with `void merge(const Acc&)`; body(begin, end, acc) handles
// samples [begin, end) in increasing order. `threads` >= 1 (per rank). Blocks are shared across MPI ranks
// when Acc is dist::Transferable (trivially copyable, or with save/load); otherwise every rank runs them all.
template <class Acc, class Body>
Acc run_blocks(uint64_t n, int threads, const Body& body, const ProgressFn& progress = {}) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  Acc total{};
  const uint64_t nblocks = (n + kSamplesPerBlock - 1) / kSamplesPerBlock;
  std::vector<Acc> slots;
  for (uint64_t first = 0; first < nblocks; first += kBlocksPerChunk) {
    const uint64_t count = std::min(kBlocksPerChunk, nblocks - first);
    slots.assign(count, Acc{});
    auto run_block = [&](uint64_t j, Acc& acc) {
      // Also before each block, on whatever thread runs it: a chunk can take seconds, and a claim's wall-clock
      // limit (verify --timeout) must hold inside it. TBB carries the exception out of parallel_for.
      interruption_point();
      uint64_t begin = (first + j) * kSamplesPerBlock;
      uint64_t end = std::min(n, begin + kSamplesPerBlock);
      body(begin, end, acc);
    };
    bool shared = false;
    if constexpr (dist::Transferable<Acc>) {
      if (dist::distributing()) {
        shared = true;
        const std::vector<std::string> bytes = dist::deal_gather_batch(count, [&](const std::vector<uint64_t>& mine) {
          tbb::parallel_for(size_t{0}, mine.size(), [&](size_t i) { run_block(mine[i], slots[mine[i]]); });
          std::vector<std::string> out;
          for (uint64_t j : mine) out.push_back(dist::to_bytes(slots[j]));
          return out;
        });
        for (uint64_t j = 0; j < count; ++j) slots[j] = dist::from_bytes<Acc>(bytes[j]);
      }
    }
    if (!shared) tbb::parallel_for(uint64_t{0}, count, [&](uint64_t j) { run_block(j, slots[j]); });
    for (const Acc& a : slots) total.merge(a);
    if (progress) progress(std::min(n, (first + count) * kSamplesPerBlock), n);
    interruption_point();  // after each chunk, on the calling thread: Ctrl-C from Python (model/interrupt.hpp)
  }
  return total;
}

}  // namespace critwin

#pragma once

// FUZZ_CHECK(cond): a property of a fuzz target. Aborts (which libFuzzer and the replay
// runner both report as a failure, with the input) when it does not hold, in every build.

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond);                         \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

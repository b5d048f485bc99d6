#pragma once
// Where this build's programs and the source tree are, for tests and benchmarks. Defined in a
// file generated per build tree (tests/CMakeLists.txt), so that no test's own compile line
// carries an absolute path: compiled test objects are then the same in every checkout, and
// ccache shares them between worktrees.

#include <QString>

namespace tidemark::test::paths {
QString sourceDir(); // the checkout's top directory
QString binaryDir(); // the build tree's top directory
QString cli();       // the tidemark-cli executable
QString gui();       // the tidemark executable
} // namespace tidemark::test::paths

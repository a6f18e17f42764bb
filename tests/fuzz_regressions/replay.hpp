// Runs every file of tests/data/fuzz_regressions/<target>/ and tests/fuzz/corpus/<target>/
// through a fuzz entry point. An entry point aborts on a broken invariant; anything it throws
// fails the test case.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace sfcpp_fuzz {

template <class Entry>
std::size_t replay(std::string_view target, Entry entry) {
    std::vector<std::filesystem::path> files;
    for (const char* root : {SFCPP_FUZZ_REGRESSIONS_DIR, SFCPP_FUZZ_CORPUS_DIR}) {
        const auto dir = std::filesystem::path(root) / target;
        if (!std::filesystem::is_directory(dir)) continue;
        for (const auto& e : std::filesystem::directory_iterator(dir))
            if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        CAPTURE(f.string());
        std::ifstream in(f, std::ios::binary);
        REQUIRE(in.good());
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CHECK_NOTHROW(entry(std::string_view(bytes)));
    }
    return files.size();
}

}  // namespace sfcpp_fuzz

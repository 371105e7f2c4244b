#pragma once

#include <filesystem>
#include <string_view>

namespace umg {

/// Writes `content` to a temporary file in the folder of `path` and renames
/// it over `path`, so that a reader never sees a half-written file. A
/// symbolic link at `path` is followed, so the link stays and its target is
/// replaced. Throws std::runtime_error naming the path when `path` is a
/// device, FIFO, socket or folder (renaming over it would replace a device
/// node such as /dev/null), or when writing or renaming fails.
void writeFileReplacing(const std::filesystem::path& path, std::string_view content);

} // namespace umg

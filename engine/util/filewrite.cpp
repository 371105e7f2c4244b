#include "util/filewrite.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace umg {

void writeFileReplacing(const std::filesystem::path& path, std::string_view content)
{
    std::error_code error;
    std::filesystem::path target = path;
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(path, error))) {
        target = std::filesystem::canonical(path, error);
        if (error)
            throw std::runtime_error("cannot follow the symbolic link " + path.string() + ": " + error.message());
    }
    const std::filesystem::file_status status = std::filesystem::status(target, error);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        throw std::runtime_error(target.string()
                                 + " exists and is not a regular file (a folder, device, FIFO or socket); "
                                   "choose the path of a regular file");
    }

    const std::filesystem::path temporary = target.string() + ".tmp." + std::to_string(::getpid());
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file)
        throw std::runtime_error("cannot write " + target.string() + ": " + std::strerror(errno));
    const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
    const int writeError = errno;
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed) {
        const int reported = !written ? writeError : errno;
        std::remove(temporary.c_str());
        throw std::runtime_error("writing " + target.string() + " failed: " + std::strerror(reported));
    }
    std::filesystem::rename(temporary, target, error);
    if (error) {
        std::remove(temporary.c_str());
        throw std::runtime_error("cannot replace " + target.string() + ": " + error.message());
    }
}

} // namespace umg

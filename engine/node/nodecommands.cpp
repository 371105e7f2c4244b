#include "node/nodecommands.h"

#include <cstdio>

namespace umg::node {

int run(const std::vector<std::string>& args)
{
    if (!args.empty() && args[0] == "--version") {
        std::printf("unmogrowp-node %s\n", UMG_VERSION);
        return 0;
    }
    std::fprintf(stderr, "usage: unmogrowp-node COMMAND [OPTIONS]\n");
    return 2;
}

} // namespace umg::node

#include "node/nodecommands.h"

#include <string>
#include <vector>

int main(int argc, char** argv)
{
    return umg::node::run(std::vector<std::string>(argv + 1, argv + argc));
}

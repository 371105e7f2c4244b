#include "server/router.h"

#include <stdexcept>

namespace umg {

void Router::get(std::string path, Handler handler, Access access)
{
    add(Route{"GET", std::move(path), access, std::move(handler), nullptr});
}

void Router::post(std::string path, Handler handler, Access access)
{
    add(Route{"POST", std::move(path), access, std::move(handler), nullptr});
}

void Router::postStreaming(std::string path, BodyHandler handler, Access access)
{
    add(Route{"POST", std::move(path), access, nullptr, std::move(handler)});
}

void Router::add(Route route)
{
    if (route.path.empty() || route.path.front() != '/')
        throw std::invalid_argument("route path \"" + route.path + "\" must start with /");
    if (find(route.method, route.path))
        throw std::invalid_argument("route " + route.method + " " + route.path + " is registered twice");
    m_routes.push_back(std::move(route));
}

const Router::Route* Router::find(std::string_view method, std::string_view path) const
{
    const std::string_view routeMethod = method == "HEAD" ? std::string_view("GET") : method;
    for (const Route& route : m_routes) {
        if (route.path == path && route.method == routeMethod)
            return &route;
    }
    return nullptr;
}

bool Router::hasPath(std::string_view path) const
{
    for (const Route& route : m_routes) {
        if (route.path == path)
            return true;
    }
    return false;
}

std::string Router::allowedMethods(std::string_view path) const
{
    std::string allowed;
    for (const Route& route : m_routes) {
        if (route.path != path)
            continue;
        if (!allowed.empty())
            allowed += ", ";
        allowed += route.method;
        if (route.method == "GET")
            allowed += ", HEAD";
    }
    return allowed;
}

std::string_view Router::metricPath(std::string_view path) const
{
    for (const Route& route : m_routes) {
        if (route.path == path)
            return route.path;
    }
    return "other";
}

} // namespace umg

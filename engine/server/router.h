#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
class ContentReader;
struct Request;
struct Response;
} // namespace httplib

namespace umg {

/// The routes of the HTTP API: exact paths, the method of each, and who may
/// call it. HttpServer consults the table before a request body is read, so
/// that it rejects an unknown path (404), a wrong method (405), a missing
/// token (401) or an oversize body (413) without reading the body.
///
/// Routes are added before the server starts; the table is read-only
/// afterwards, so lookups need no lock.
class Router {
public:
    /// Handles a request whose body (if any) httplib has read into
    /// `request.body`, limited to the server's maximum body size.
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
    /// Handles a request and reads its body itself through `reader`.
    using BodyHandler = std::function<void(const httplib::Request&, httplib::Response&, const httplib::ContentReader&)>;

    enum class Access {
        Token, ///< needs the bearer token when the server has one
        Open,  ///< never needs a token (liveness probes)
    };

    struct Route {
        std::string method; ///< `GET` (also serves HEAD) or `POST`
        std::string path;   ///< exact path; also the `path` label of the HTTP metrics
        Access access = Access::Token;
        Handler handler;
        BodyHandler bodyHandler; ///< set instead of `handler` for streamed bodies
    };

    void get(std::string path, Handler handler, Access access = Access::Token);
    void post(std::string path, Handler handler, Access access = Access::Token);
    void postStreaming(std::string path, BodyHandler handler, Access access = Access::Token);

    /// The route for `method` and `path`, or nullptr. HEAD finds GET routes.
    const Route* find(std::string_view method, std::string_view path) const;
    /// Whether any route has `path`.
    bool hasPath(std::string_view path) const;
    /// The methods `path` accepts, for the `Allow` header of a 405 response.
    std::string allowedMethods(std::string_view path) const;
    /// The `path` metric label for a request path: the route's path, or
    /// `other`, so that clients cannot create label values.
    std::string_view metricPath(std::string_view path) const;

    const std::vector<Route>& routes() const { return m_routes; }

private:
    void add(Route route);

    std::vector<Route> m_routes;
};

} // namespace umg

#pragma once

namespace umg {

class HttpServer;
class Router;

/// Registers every route of the node's HTTP API on `router`.
///
/// To add an endpoint, write its handler in a file of its own beside the
/// others and add one line to registerApiRoutes(). The server then responds
/// 404 and 405 for it, checks the token and body limits before the handler
/// runs, and counts its requests under the route's path in the HTTP metrics.
void registerApiRoutes(Router& router, HttpServer& server);

} // namespace umg

// The bundled example's "app": a tiny HTTP service the demo deploys to alpha, staging and prod on
// loopback ports. Its release config decides whether it is healthy, so the demo can ship a broken
// release and watch prod roll back.
//
//   example-service serve --port N --version SHA --config FILE [--pidfile FILE]
//   example-service get URL          prints the body; exit 0 on 2xx
//   example-service free-port        prints a free loopback port
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

namespace {

std::map<std::string, std::string> readConfig(const std::string& path) {
  std::map<std::string, std::string> config{{"healthy", "true"}, {"error_rate", "0.1"}};
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t equals = line.find('=');
    if (line.empty() || line[0] == '#' || equals == std::string::npos) continue;
    config[line.substr(0, equals)] = line.substr(equals + 1);
  }
  return config;
}

struct Release {
  std::string version;
  std::map<std::string, std::string> config;
};

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(const Release& release) : release_(release) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    const std::string path = Poco::URI(request.getURI()).getPath();
    const bool healthy = release_.config.at("healthy") == "true";
    if (path == "/health") {
      response.setStatus(healthy ? Poco::Net::HTTPResponse::HTTP_OK
                                 : Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
      send(response, "application/json",
           std::string("{\"status\":\"") + (healthy ? "ok" : "unhealthy") + "\",\"version\":\"" +
               release_.version + "\"}");
      return;
    }
    if (path == "/hello") {
      send(response, "text/plain", "hello from the example service\n");
      return;
    }
    if (path == "/metrics/error-rate") {
      send(response, "text/plain", release_.config.at("error_rate") + "\n");
      return;
    }
    response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
    send(response, "text/plain", "not found\n");
  }

 private:
  static void send(Poco::Net::HTTPServerResponse& response, const std::string& type,
                   const std::string& body) {
    response.setContentType(type);
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
  }
  const Release& release_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(const Release& release) : release_(release) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& /*request*/) override {
    return new Handler(release_);
  }

 private:
  const Release& release_;
};

std::string option(int argc, char** argv, const std::string& name) {
  for (int i = 2; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  return "";
}

int serve(int argc, char** argv) {
  const Release release{option(argc, argv, "--version"),
                        readConfig(option(argc, argv, "--config"))};
  const std::string pidfile = option(argc, argv, "--pidfile");
  if (!pidfile.empty()) std::ofstream(pidfile) << ::getpid() << "\n";
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // the server threads inherit the mask
  const Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(
      "127.0.0.1", static_cast<Poco::UInt16>(std::stoi(option(argc, argv, "--port")))));
  Poco::Net::HTTPServer server(new Factory(release), socket, new Poco::Net::HTTPServerParams);
  server.start();
  std::cout << "example-service " << release.version << " listening on "
            << socket.address().toString() << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  server.stopAll(true);
  if (!pidfile.empty()) ::unlink(pidfile.c_str());
  return 0;
}

int get(const std::string& url) {
  try {
    const Poco::URI uri(url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathEtc(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body = session.receiveResponse(response);
    Poco::StreamCopier::copyStream(body, std::cout);
    return response.getStatus() / 100 == 2 ? 0 : 1;
  } catch (const Poco::Exception& error) {
    std::cerr << url << ": " << error.displayText() << "\n";
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "serve") return serve(argc, argv);
  if (command == "get" && argc > 2) return get(argv[2]);
  if (command == "free-port") {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    std::cout << socket.address().port() << "\n";
    return 0;
  }
  std::cerr << "usage: example-service serve --port N --version SHA --config FILE [--pidfile F]\n"
               "       example-service get URL | free-port\n";
  return 2;
}

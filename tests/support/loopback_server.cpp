#include "support/loopback_server.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>

#include "support/temp_dir.hpp"

namespace fd::test {

namespace {

bool equalsIgnoreCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string> ServerRequest::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (equalsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

std::string ServerRequest::path() const { return uri.substr(0, uri.find('?')); }

struct LoopbackServer::Impl {
  ServerHandler handler;
  bool tls = false;
  mutable std::mutex mutex;
  std::condition_variable stopped;
  bool stopping = false;
  std::vector<ServerRequest> requests;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  int port = 0;
};

namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(LoopbackServer::Impl& impl) : impl_(impl) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    ServerRequest seen;
    seen.method = request.getMethod();
    seen.uri = request.getURI();
    for (const auto& [key, value] : request) seen.headers.emplace_back(key, value);
    Poco::StreamCopier::copyToString(request.stream(), seen.body);
    {
      std::lock_guard lock(impl_.mutex);
      impl_.requests.push_back(seen);
    }
    const ServerResponse answer = impl_.handler(seen);
    if (answer.hang) {
      std::unique_lock lock(impl_.mutex);
      impl_.stopped.wait(lock, [this] { return impl_.stopping; });
      return;
    }
    if (answer.dropConnection) {
      // Shut the socket first: Poco would otherwise answer the exception with a 500.
      response.setKeepAlive(false);
      static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket().shutdown();
      throw Poco::Exception("dropping the connection on purpose");
    }
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
    for (const auto& [key, value] : answer.headers) response.add(key, value);
    if (!answer.contentType.empty()) response.setContentType(answer.contentType);
    response.setContentLength(static_cast<std::streamsize>(answer.body.size()));
    response.send() << answer.body;
  }

 private:
  LoopbackServer::Impl& impl_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(LoopbackServer::Impl& impl) : impl_(impl) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& /*request*/) override {
    return new Handler(impl_);
  }

 private:
  LoopbackServer::Impl& impl_;
};

}  // namespace

LoopbackServer::LoopbackServer(ServerHandler handler, std::optional<TlsFiles> tls)
    : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->tls = tls.has_value();
  const Poco::Net::SocketAddress address("127.0.0.1", 0);
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  if (tls) {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, tls->privateKey,
                               tls->certificate, "", Poco::Net::Context::VERIFY_NONE);
    socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 64, context);
  } else {
    socket = std::make_unique<Poco::Net::ServerSocket>(address, 64);
  }
  impl_->port = socket->address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(32);
  params->setKeepAlive(true);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl_), *socket, params);
  impl_->server->start();
}

LoopbackServer::~LoopbackServer() { stop(); }

void LoopbackServer::stop() {
  if (!impl_->server) return;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->stopped.notify_all();
  impl_->server->stopAll(true);
  impl_->server.reset();
}

int LoopbackServer::port() const { return impl_->port; }

std::string LoopbackServer::url() const {
  return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
}

std::vector<ServerRequest> LoopbackServer::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
}

std::size_t LoopbackServer::requestCount() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests.size();
}

int unusedPort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const int port = socket.address().port();
  socket.close();
  return port;
}

namespace {

// OpenSSL 3.0's `req -x509` cannot set dates in the past (`-not_before` came in 3.4, and
// `-days` must be positive), so an expired certificate is self-signed with `openssl ca`, which
// takes explicit start and end dates.
void selfSignExpired(const std::string& directory, const TlsFiles& files) {
  const std::string ca = directory + "/expired-ca";
  shell("mkdir -p '" + ca + "' && : > '" + ca + "/index.txt' && echo 01 > '" + ca + "/serial'");
  shell(
      "printf '%s\\n' '[ca]' 'default_ca = fd_ca' '[fd_ca]' 'database = index.txt' "
      "'new_certs_dir = .' 'serial = serial' 'default_md = sha256' 'policy = fd_policy' "
      "'copy_extensions = copy' 'unique_subject = no' '[fd_policy]' 'commonName = supplied' "
      "> '" +
      ca + "/ca.cnf'");
  shell(
      "openssl req -new -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
      files.privateKey + "' -out '" + ca + "/request.csr'");
  shell("cd '" + ca + "' && openssl ca -batch -notext -config ca.cnf -selfsign -keyfile '" +
        files.privateKey + "' -in request.csr -out '" + files.certificate +
        "' -startdate 20200101000000Z -enddate 20200102000000Z");
}

}  // namespace

TlsFiles makeSelfSignedCertificate(const std::string& directory, int daysValid) {
  TlsFiles files{directory + "/cert.pem", directory + "/key.pem"};
  if (daysValid < 0) {
    selfSignExpired(directory, files);
    return files;
  }
  shell(
      "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
      files.privateKey + "' -out '" + files.certificate + "' -days " + std::to_string(daysValid));
  return files;
}

}  // namespace fd::test

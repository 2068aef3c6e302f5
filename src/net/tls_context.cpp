#include "net/tls_context.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <filesystem>

namespace fd {

namespace {

thread_local std::string verificationError;  // NOLINT: per-thread by design, see header

// Replaces Poco's callback, which would consult SSLManager's global handlers and events (any
// code in the process could register one that accepts invalid certificates). OpenSSL's verdict
// stands; we only remember the first reason for the error message.
int rememberVerificationError(int ok, X509_STORE_CTX* store) {
  if (ok == 0 && verificationError.empty()) {
    verificationError = X509_verify_cert_error_string(X509_STORE_CTX_get_error(store));
  }
  return ok;
}

}  // namespace

std::string lastVerificationError() { return verificationError; }

void clearVerificationError() { verificationError.clear(); }

Result<Poco::Net::Context::Ptr> makeVerifyingClientContext(const std::string& caFile) {
  Poco::Net::Context::Params params;
  const bool useSystem = caFile.empty();
  params.caLocation = useSystem ? kSystemCaBundle : caFile;
  if (useSystem && !std::filesystem::exists(params.caLocation)) {
    params.caLocation.clear();
    params.loadDefaultCAs = true;
  }
  if (!useSystem && !std::filesystem::exists(caFile)) {
    return makeError(ErrorCode::FailedPrecondition, "CA file " + caFile + ": no such file");
  }
  // STRICT, not RELAXED: Poco skips the hostname check for loopback hosts in RELAXED mode.
  params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
  params.cipherList = "DEFAULT";
  try {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    context->enableExtendedCertificateVerification(true);
    context->setInvalidCertificateHandler(new Poco::Net::RejectCertificateHandler(false));
    SSL_CTX_set_verify(context->sslContext(), SSL_VERIFY_PEER, rememberVerificationError);
    return context;
  } catch (const Poco::Exception& e) {
    return makeError(ErrorCode::FailedPrecondition,
                     "cannot load CA certificates from " +
                         (params.caLocation.empty() ? std::string("OpenSSL's default paths")
                                                    : params.caLocation) +
                         ": " + e.displayText());
  }
}

}  // namespace fd

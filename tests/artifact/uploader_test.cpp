// Our uploader against the fake results service: the same checks the real client passes
// (see real_client_test.cpp), then the faults a real service produces.
#include <boost/test/unit_test.hpp>

#include "artifact/blob_upload.hpp"
#include "artifact/retry.hpp"
#include "upload_test_support.hpp"

using fd::test::receiptFile;
using fd::test::unzipFile;
using fd::test::UploadWorld;
using std::chrono::milliseconds;

namespace {

fd::test::ServerResponse twirpJson(int status, const std::string& body) {
  fd::test::ServerResponse response;
  response.status = status;
  response.body = body;
  return response;
}

fd::test::ServerResponse html(int status) {
  fd::test::ServerResponse response;
  response.status = status;
  response.contentType = "text/html";
  response.body = "<html><body>upstream says no</body></html>";
  return response;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(artifact_uploader)

BOOST_AUTO_TEST_CASE(uploads_a_zip_that_passes_every_check_of_the_service) {
  UploadWorld world;
  fd::ArtifactFile file = receiptFile();
  file.retentionDays = 7;
  const auto uploaded = world.upload(file);
  BOOST_REQUIRE_MESSAGE(uploaded.ok(), (uploaded.ok() ? "" : uploaded.message()));
  BOOST_TEST(world.service.rejections().empty());

  const auto stored = world.service.artifact("deploy-receipt-prod-987654321-2");
  BOOST_REQUIRE(stored.has_value());
  BOOST_TEST(stored->finalized);
  BOOST_TEST(stored->version == 4);
  BOOST_TEST(stored->blobContentType == "application/zip");
  BOOST_TEST(stored->expiresAt == "2026-04-10T21:30:00Z");  // the fake clock + 7 days
  BOOST_TEST(stored->committedBlocks.size() == 1u);
  BOOST_TEST(stored->finalizedSize == std::to_string(stored->blob.size()));
  BOOST_TEST(stored->finalizedHash == "sha256:" + fd::sha256Hex(stored->blob));
  BOOST_TEST(unzipFile(stored->blob, "DEPLOY-RECEIPT.md") == file.content);

  BOOST_TEST(uploaded->id == stored->id);
  BOOST_TEST(uploaded->size == stored->blob.size());
  BOOST_TEST(uploaded->url ==
             "https://github.com/factory/shop/actions/runs/987654321/artifacts/" + stored->id);
  BOOST_TEST(world.clock.sleeps.empty());
}

BOOST_AUTO_TEST_CASE(the_upload_signature_is_registered_as_a_secret) {
  UploadWorld world;
  BOOST_REQUIRE(world.upload(receiptFile()).ok());
  const auto stored = world.service.artifact("deploy-receipt-prod-987654321-2");
  BOOST_REQUIRE(stored.has_value());
  BOOST_TEST(world.log.masker.mask("sig=" + stored->signature) == "sig=***");
}

BOOST_AUTO_TEST_CASE(a_raw_file_larger_than_a_chunk_goes_up_in_several_equal_id_blocks) {
  UploadWorld world;
  fd::ArtifactFile file = receiptFile();
  file.zip = false;
  file.content.clear();
  while (file.content.size() < fd::kBlobChunkBytes + 100000) {
    file.content += "line " + std::to_string(file.content.size()) + " of a very long receipt\n";
  }
  const auto uploaded = world.upload(file);
  BOOST_REQUIRE_MESSAGE(uploaded.ok(), (uploaded.ok() ? "" : uploaded.message()));
  BOOST_TEST(world.service.rejections().empty());
  const auto stored = world.service.artifact("DEPLOY-RECEIPT.md");  // raw: named after the file
  BOOST_REQUIRE(stored.has_value());
  BOOST_TEST(stored->version == 7);
  BOOST_TEST(stored->mimeType == "text/markdown");
  BOOST_TEST(stored->committedBlocks.size() == 2u);
  BOOST_TEST(stored->blob == file.content);
  BOOST_TEST(stored->finalizedHash == "sha256:" + fd::sha256Hex(file.content));
}

BOOST_AUTO_TEST_CASE(a_500_is_retried_after_the_toolkit_backoff) {
  UploadWorld world;
  world.service.failNext("CreateArtifact", twirpJson(500, R"({"code":"internal","msg":"boom"})"));
  const auto uploaded = world.upload(receiptFile());
  BOOST_REQUIRE_MESSAGE(uploaded.ok(), (uploaded.ok() ? "" : uploaded.message()));
  BOOST_TEST(world.service.count("CreateArtifact") == 2);
  BOOST_REQUIRE(world.clock.sleeps.size() == 1u);
  BOOST_TEST(world.clock.sleeps[0].count() == 3000);
  BOOST_TEST(world.log.contains("attempt 1 of 5 failed"));
}

BOOST_AUTO_TEST_CASE(bodies_that_are_not_json_are_retried_and_give_up_after_five_attempts) {
  UploadWorld world;
  world.service.failNext("FinalizeArtifact", html(200), 5);
  const auto uploaded = world.upload(receiptFile());
  BOOST_REQUIRE(!uploaded.ok());
  BOOST_TEST(uploaded.code() == fd::ErrorCode::Unavailable);
  BOOST_TEST(uploaded.message().find("FinalizeArtifact") != std::string::npos);
  BOOST_TEST(uploaded.message().find("after 5 attempts") != std::string::npos);
  BOOST_TEST(world.service.count("FinalizeArtifact") == 5);
  // 3 s, then 3 s × 1.5ⁿ jittered by the (fake) random 0.5 within [×1, ×1.5).
  const std::vector<long long> expected = {3000, 5625, 8437, 12656};
  std::vector<long long> slept;
  for (const milliseconds sleep : world.clock.sleeps) slept.push_back(sleep.count());
  BOOST_TEST(slept == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_second_artifact_with_the_same_name_is_a_clear_409) {
  UploadWorld world;
  BOOST_REQUIRE(world.upload(receiptFile()).ok());
  const auto again = world.upload(receiptFile());
  BOOST_REQUIRE(!again.ok());
  BOOST_TEST(again.code() == fd::ErrorCode::FailedPrecondition);
  BOOST_TEST(again.message() ==
             "an artifact named deploy-receipt-prod-987654321-2 already exists in this run: "
             "re-runs need a unique name; the default includes the run attempt");
  BOOST_TEST(world.service.count("CreateArtifact") == 2);  // a 409 is final
  BOOST_TEST(world.clock.sleeps.empty());
}

BOOST_AUTO_TEST_CASE(ok_false_is_a_failure_and_not_retried) {
  UploadWorld world;
  world.service.failNext("CreateArtifact", twirpJson(200, R"({"ok":false})"));
  const auto created = world.upload(receiptFile());
  BOOST_REQUIRE(!created.ok());
  BOOST_TEST(created.message() == "CreateArtifact: the service answered ok: false");
  BOOST_TEST(world.service.count("CreateArtifact") == 1);

  UploadWorld other;
  other.service.failNext("FinalizeArtifact", twirpJson(200, R"({"ok":false})"));
  const auto finalized = other.upload(receiptFile());
  BOOST_REQUIRE(!finalized.ok());
  BOOST_TEST(finalized.message() == "FinalizeArtifact: the service answered ok: false");
}

BOOST_AUTO_TEST_CASE(other_client_errors_are_final) {
  UploadWorld world;
  world.service.failNext("CreateArtifact",
                         twirpJson(400, R"({"code":"invalid_argument","msg":"nope"})"));
  const auto uploaded = world.upload(receiptFile());
  BOOST_REQUIRE(!uploaded.ok());
  BOOST_TEST(uploaded.message() == "CreateArtifact: http 400 invalid_argument: nope");
  BOOST_TEST(world.service.count("CreateArtifact") == 1);
}

BOOST_AUTO_TEST_CASE(a_token_the_service_did_not_issue_is_refused) {
  UploadWorld world;
  world.env.values["ACTIONS_RUNTIME_TOKEN"] = fd::test::makeRuntimeToken(
      "Actions.Results:" + world.service.runBackendId() + ":" + world.service.jobBackendId());
  const auto uploaded = world.upload(receiptFile());
  BOOST_REQUIRE(!uploaded.ok());
  BOOST_TEST(uploaded.code() == fd::ErrorCode::PermissionDenied);
  BOOST_TEST(uploaded.message().find("401") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_failed_block_put_fails_the_upload_without_showing_the_signature) {
  UploadWorld world;
  fd::test::ServerResponse denied;
  denied.status = 403;
  denied.contentType = "application/xml";
  denied.body = "<Error><Code>AuthorizationFailure</Code></Error>";
  world.service.failNext("block", denied);
  const auto uploaded = world.upload(receiptFile());
  BOOST_REQUIRE(!uploaded.ok());
  BOOST_TEST(uploaded.message().find("blob upload (block 1): http 403") != std::string::npos);
  BOOST_TEST(uploaded.message().find("sig=") == std::string::npos);
  BOOST_TEST(world.service.count("block") == 1);
  BOOST_TEST(world.service.count("FinalizeArtifact") == 0);
}

BOOST_AUTO_TEST_CASE(a_transient_blob_failure_is_retried) {
  UploadWorld world;
  fd::test::ServerResponse busy;
  busy.status = 503;
  busy.contentType = "application/xml";
  busy.body = "<Error><Code>ServerBusy</Code></Error>";
  world.service.failNext("blocklist", busy);
  const auto uploaded = world.upload(receiptFile());
  BOOST_REQUIRE_MESSAGE(uploaded.ok(), (uploaded.ok() ? "" : uploaded.message()));
  BOOST_TEST(world.service.count("blocklist") == 2);
  BOOST_TEST(world.service.rejections().empty());
}

BOOST_AUTO_TEST_CASE(a_forbidden_name_is_refused_before_any_request) {
  UploadWorld world;
  fd::ArtifactFile file = receiptFile();
  file.name = "receipt:prod";
  const auto uploaded = world.upload(file);
  BOOST_REQUIRE(!uploaded.ok());
  BOOST_TEST(uploaded.code() == fd::ErrorCode::InvalidArgument);
  BOOST_TEST(world.service.requests().empty());
}

BOOST_AUTO_TEST_CASE(a_results_service_that_is_down_is_retried_then_reported) {
  UploadWorld world;
  world.env.values["ACTIONS_RESULTS_URL"] =
      "http://127.0.0.1:" + std::to_string(fd::test::unusedPort()) + "/";
  const auto uploaded = world.upload(receiptFile());
  BOOST_REQUIRE(!uploaded.ok());
  BOOST_TEST(uploaded.message().find("CreateArtifact") != std::string::npos);
  BOOST_TEST(world.clock.sleeps.size() == 4u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(artifact_retry)

BOOST_AUTO_TEST_CASE(delays_grow_by_one_and_a_half_with_jitter_inside_the_step) {
  const fd::RetryPolicy policy;
  BOOST_TEST(fd::retryDelay(policy, 0, 0.99).count() == 3000);
  BOOST_TEST(fd::retryDelay(policy, 1, 0.0).count() == 4500);
  BOOST_TEST(fd::retryDelay(policy, 1, 0.999).count() < 6750);
  BOOST_TEST(fd::retryDelay(policy, 3, 0.0).count() == 10125);
}

BOOST_AUTO_TEST_CASE(a_signed_url_is_printed_without_its_query) {
  BOOST_TEST(fd::withoutQuery("https://blob.example/c/b?sig=abc&se=1") ==
             "https://blob.example/c/b");
  BOOST_TEST(fd::blockListXml({"QQ==", "Qg=="}) ==
             R"(<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>QQ==</Latest>)"
             R"(<Latest>Qg==</Latest></BlockList>)");
  BOOST_TEST(fd::blockId(0).size() == fd::blockId(999999).size());
}

BOOST_AUTO_TEST_SUITE_END()

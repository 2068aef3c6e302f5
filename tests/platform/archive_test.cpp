// Release assets made by real tools: GNU tar (gnu, ustar and pax formats) and Poco's zip writer.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

#include <Poco/Zip/Compress.h>

#include "platform/archive.hpp"
#include "support/temp_dir.hpp"

using fd::ArchiveKind;
using fd::extractMember;
using fd::test::shell;
using fd::test::TempDir;

namespace {

template <typename T>
std::string problem(const fd::Result<T>& result) {
  return result.ok() ? "" : result.message();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A tarball of `dir` (which holds README.md and bin/flyctl, or what the test wrote) made by tar.
std::string tarball(const TempDir& temp, const std::string& format, const std::string& members) {
  const std::string out = temp.file("asset-" + format + ".tar.gz");
  shell("tar --format=" + format + " -czf '" + out + "' -C '" + temp.file("stage") + "' " +
        members);
  return slurp(out);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(archive)

BOOST_AUTO_TEST_CASE(the_kind_comes_from_the_asset_name) {
  BOOST_TEST(
      (fd::archiveKindOf("https://x/flyctl_0.4.85_Linux_x86_64.tar.gz") == ArchiveKind::TarGz));
  BOOST_TEST((fd::archiveKindOf("https://x/docker-27.1.1.tgz?raw=1") == ArchiveKind::TarGz));
  BOOST_TEST((fd::archiveKindOf("https://x/cli_2.1_linux_amd64.zip") == ArchiveKind::Zip));
  BOOST_TEST((fd::archiveKindOf("https://dl.k8s.io/v1.31.0/bin/linux/amd64/kubectl") ==
              ArchiveKind::Plain));
}

BOOST_AUTO_TEST_CASE(a_member_comes_out_of_gnu_ustar_and_pax_tarballs) {
  TempDir temp;
  const std::string program = "#!/bin/sh\necho flyctl\n" + std::string(3000, 'x');
  temp.write("stage/README.md", "readme\n");
  temp.write("stage/flyctl", program);
  for (const std::string format : {"gnu", "ustar", "pax"}) {
    const auto got = extractMember(tarball(temp, format, "README.md flyctl"), ArchiveKind::TarGz,
                                   "flyctl", 1 << 20);
    BOOST_REQUIRE_MESSAGE(got.ok(), format + ": " + problem(got));
    BOOST_TEST(*got == program, format);
  }
}

BOOST_AUTO_TEST_CASE(long_paths_and_a_leading_dot_slash_are_found) {
  TempDir temp;
  const std::string deep = std::string(60, 'd') + "/" + std::string(60, 'e');
  temp.write("stage/" + deep + "/docker", "the docker cli");
  for (const std::string format : {"gnu", "pax"}) {
    const auto got = extractMember(tarball(temp, format, "./" + deep + "/docker"),
                                   ArchiveKind::TarGz, deep + "/docker", 1 << 20);
    BOOST_REQUIRE_MESSAGE(got.ok(), format + ": " + problem(got));
    BOOST_TEST(*got == "the docker cli");
  }
}

BOOST_AUTO_TEST_CASE(a_missing_member_is_not_found_and_names_it) {
  TempDir temp;
  temp.write("stage/README.md", "readme\n");
  const auto got =
      extractMember(tarball(temp, "gnu", "README.md"), ArchiveKind::TarGz, "flyctl", 1 << 20);
  BOOST_REQUIRE(!got.ok());
  BOOST_TEST((got.code() == fd::ErrorCode::NotFound));
  BOOST_TEST(got.message() == "no file flyctl in the archive");
}

BOOST_AUTO_TEST_CASE(an_oversized_member_is_refused_before_it_is_read) {
  TempDir temp;
  temp.write("stage/flyctl", std::string(5000, 'x'));
  const auto got =
      extractMember(tarball(temp, "gnu", "flyctl"), ArchiveKind::TarGz, "flyctl", 4096);
  BOOST_REQUIRE(!got.ok());
  BOOST_TEST((got.code() == fd::ErrorCode::ResourceExhausted));
}

BOOST_AUTO_TEST_CASE(bytes_that_are_not_gzip_are_a_corrupt_archive) {
  const auto got = extractMember("<html>Not Found</html>", ArchiveKind::TarGz, "flyctl", 1 << 20);
  BOOST_REQUIRE(!got.ok());
  BOOST_TEST((got.code() == fd::ErrorCode::InvalidArgument));
  BOOST_TEST(got.message().find("corrupt archive") == 0u, got.message());
}

BOOST_AUTO_TEST_CASE(a_member_comes_out_of_a_zip) {
  TempDir temp;
  std::ostringstream zipped;
  {
    Poco::Zip::Compress compress(zipped, true);
    std::istringstream readme("readme\n");
    compress.addFile(readme, Poco::DateTime(), "README.md");
    std::istringstream cli("the render cli");
    compress.addFile(cli, Poco::DateTime(), "cli_v2.1");
    compress.close();
  }
  const auto got = extractMember(zipped.str(), ArchiveKind::Zip, "cli_v2.1", 1 << 20);
  BOOST_REQUIRE_MESSAGE(got.ok(), problem(got));
  BOOST_TEST(*got == "the render cli");
  const auto missing = extractMember(zipped.str(), ArchiveKind::Zip, "render", 1 << 20);
  BOOST_TEST((missing.code() == fd::ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(a_plain_asset_is_the_program_itself) {
  const auto got = extractMember(
      "\x7f"
      "ELF...",
      ArchiveKind::Plain, "", 1 << 20);
  BOOST_REQUIRE(got.ok());
  BOOST_TEST(*got ==
             "\x7f"
             "ELF...");
}

BOOST_AUTO_TEST_SUITE_END()

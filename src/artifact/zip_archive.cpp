#include "artifact/zip_archive.hpp"

#include <Poco/DateTime.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>
#include <Poco/Zip/Compress.h>

#include <sstream>

namespace fd {

Result<std::string> zipSingleFile(const std::string& fileName, std::string_view content,
                                  std::chrono::system_clock::time_point modified) {
  try {
    std::ostringstream zip;
    Poco::Zip::Compress compress(zip, true);
    std::istringstream file{std::string(content)};
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(modified.time_since_epoch());
    const Poco::DateTime date{Poco::Timestamp(micros.count())};
    compress.addFile(file, date, Poco::Path(fileName, Poco::Path::PATH_UNIX),
                     Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_MAXIMUM);
    compress.close();
    return zip.str();
  } catch (const Poco::Exception& e) {
    return makeError(ErrorCode::Internal, "zip " + fileName + ": " + e.displayText());
  }
}

}  // namespace fd

#include "core/deploy_record.hpp"

#include "core/exit_code.hpp"

namespace fd {

const char* statusName(DeployStatus status) {
  switch (status) {
    case DeployStatus::Success:
      return "SUCCESS";
    case DeployStatus::Failed:
      return "FAILED";
    case DeployStatus::RolledBack:
      return "ROLLED BACK";
  }
  return "FAILED";
}

int exitCodeFor(const DeployRecord& record) {
  if (record.rollbackFailed) return kExitRollbackFailed;
  if (record.invalidInput) return kExitInvalidInput;
  switch (record.status) {
    case DeployStatus::Success:
      return kExitSuccess;
    case DeployStatus::RolledBack:
      return record.manualRollback ? kExitSuccess : kExitRolledBack;
    case DeployStatus::Failed:
      return kExitFailed;
  }
  return kExitFailed;
}

}  // namespace fd

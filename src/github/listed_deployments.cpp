#include "github/listed_deployments.hpp"

#include "github/held_bytes.hpp"
#include "github/json_fields.hpp"

namespace fd::github {

std::size_t heldBytes(const ListedDeployment& listed) {
  const DeploymentMark& mark = listed.mark;
  return heldBytes(listed.sha) + heldBytes(listed.createdAt) + heldBytes(mark.kind) +
         heldBytes(mark.version) + heldBytes(mark.runId) + heldBytes(mark.runAttempt) +
         heldBytes(mark.actor);
}

std::size_t heldBytes(const ListedPage& page) {
  return sizeof(page) + heldBytes(page.newestCreatedAt) + heldBytes(page.oldestCreatedAt) +
         heldBytes(page.ours);
}

ListedPage reduceListed(const rapidjson::Value& json) {
  ListedPage page;
  page.list = json.IsArray();
  if (!page.list) return page;
  for (const auto& deployment : json.GetArray()) {  // newest first
    const std::string createdAt = stringField(deployment, "created_at");
    if (page.size == 0) page.newestCreatedAt = createdAt;
    page.oldestCreatedAt = createdAt;
    ListedDeployment each;
    each.position = page.size++;
    if (!readMark(deployment, each.mark)) continue;
    each.id = intField(deployment, "id");
    each.sha = stringField(deployment, "sha");
    each.createdAt = createdAt;
    page.ours.push_back(std::move(each));
  }
  return page;
}

Result<ListedAnswer> readListedPage(RestClient& client, const std::string& target,
                                    const std::string& environment) {
  auto answer = client.get(target, typedReduction<ListedPage>("ledger-deployments", reduceListed));
  if (!answer) return answer.error();
  auto page = partOf<ListedPage>(answer->part, target);
  if (!page) return page.error();
  if (!(*page)->list) {
    return makeError(ErrorCode::Unavailable,
                     "GitHub's deployments of " + environment + " are not a list");
  }
  return ListedAnswer{std::move(page).value(), std::move(answer->nextUrl)};
}

}  // namespace fd::github

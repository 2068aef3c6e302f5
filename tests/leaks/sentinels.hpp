// Secret values planted in every leak scenario. Each is long (well past SecretMasker::kMinLength),
// starts and ends with 8 letters and digits that occur in no ordinary text, so a whole value, a
// value cut short at its end and a value cut short at its start are all recognisable.
#pragma once

#include <string>
#include <vector>

namespace fd::test {

struct Sentinel {
  std::string name;   // where it was planted, for failure messages
  std::string value;  // one line
};

// The GitHub token: INPUT_GITHUB-TOKEN on a runner, GITHUB_TOKEN locally (both on a runner).
inline const std::string kGithubToken = "ghp_Zx8QvLk2Wm9TnR4yHs6JdP3cF7bGa1XeUo5K";
// ACTIONS_RUNTIME_TOKEN in local mode (GitHub mode uses the fake results service's JWT).
inline const std::string kLocalRuntimeToken = "rtQ7Vn3Wk8Zp1Yq6Lm4Hx9Jc2Ts7Bd5Rf0GuMe";
// Environment secrets found by name.
inline const std::string kFlyToken = "FoQ1Ws4Kp9Qz2Xn7Ld3Vy8Mh5Jt6Rc1Bg0FeWa";
// A password with the characters escapers like to touch (markdown, workflow commands, JSON,
// excerpts): a secret masked after escaping would leak with its alphanumeric ends intact.
inline const std::string kDatabasePassword =
    "Hq7Zx4Kp9a|Wm2*Lv8_Ns5%Tc3,Rb6:Yd1`Gf\"0\\Jk<b>&Mn2QwEr7Ty";
// The password inside DATABASE_URL (a name that does not look secret: only the URL rule finds it).
inline const std::string kUrlPassword = "UpW3Nc8Rz5Lq2Xv9Kt4Hm7Js1Dg6Fb0YeQa";
inline const std::string kDatabaseUrl =
    "postgres://shop:" + kUrlPassword + "@db.internal.example.test:5432/shop";
// The middle line of a multi-line private key (registered line by line).
inline const std::string kKeyLine = "MIIEvKeyLn9Qz4Wx7Vc2Bn5Mk8Lp3Hj6Gf1Ds0Aa";
inline const std::string kPrivateKey =
    "-----BEGIN OPENSSH PRIVATE KEY-----\n" + kKeyLine + "\n-----END OPENSSH PRIVATE KEY-----";
// Printed only by the secrets_command (SESSION_KEY=<value>): never registered, never shown.
inline const std::string kSessionKey = "SkX4Rw9Tz2Pq7Lv5Nm8Jh3Gd6Fc1Bb0YaUeIo";
// Only in the manifest's url (user:password@), which the loader refuses.
inline const std::string kManifestPassword = "MpZ9Kq4Wv7Xt2Lr8Ns5Hd3Jc6Fb1Gy0QeRu";

}  // namespace fd::test

# Sourced by the eng/benchmark-*.sh scripts: the offline Nix settings, quiet dotnet, a fresh pack
# of CrossSdk that NuGet will restore (it caches a package by version, so the cached copy goes),
# and helpers. Expects $repo.
source "$repo/eng/nix-env.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDTERMINALLOGGER=off

pack_crosssdk() {
  dotnet pack "$repo/sdk/CrossSdk.Sdk.csproj" -c Release -nologo -v q -o "$repo/artifacts/packages" >/dev/null
  rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/crosssdk/$(sed -n 's:.*<CrossSdkVersion[^>]*>\(.*\)</CrossSdkVersion>.*:\1:p' "$repo/Directory.Build.props")"
}

# A copy of samples/HelloNative without build outputs, using the packed CrossSdk.
fresh_sample() { # folder
  rm -rf "$1"; mkdir -p "$1"
  cp -r "$repo/samples/HelloNative/." "$1/"
  find "$1" -name bin -o -name obj | xargs rm -rf
  sed -i "s|../../artifacts/packages|$repo/artifacts/packages|" "$1/NuGet.config"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

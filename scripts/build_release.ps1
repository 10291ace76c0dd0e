# Windows counterpart of scripts/build_release.sh: clean venv -> PyInstaller ->
# dist\nianbao-<version>-windows-<arch>.zip -> frozen smoke test on the unpacked archive. Run from any folder:
#   powershell -ExecutionPolicy Bypass -File scripts\build_release.ps1 [-NoTest]
# $env:PYTHON (default: py -3.11), $env:BUILD_VENV (default: %TEMP%\nianbao-build-venv),
# $env:TEST_PYTHON (interpreter with requirements-dev.txt; default: python).
# Build on the oldest Windows you support (Qt 6 needs Windows 10 1809+).
param([switch]$NoTest)
$ErrorActionPreference = "Stop"

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$Venv = if ($env:BUILD_VENV) { $env:BUILD_VENV } else { Join-Path $env:TEMP "nianbao-build-venv" }
$TestPython = if ($env:TEST_PYTHON) { $env:TEST_PYTHON } else { "python" }

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

Write-Host "== clean venv at $Venv"
if ($env:PYTHON) { Invoke-Checked $env:PYTHON @("-m", "venv", "--clear", $Venv) }
else { Invoke-Checked "py" @("-3.11", "-m", "venv", "--clear", $Venv) }
$Py = Join-Path $Venv "Scripts\python.exe"
Invoke-Checked $Py @("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt", "pyinstaller==6.22.3")

Write-Host "== pyinstaller build.spec"
if (Test-Path dist\nianbao) { Remove-Item -Recurse -Force dist\nianbao }
Invoke-Checked $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN", "--distpath", "dist", "--workpath", "build", "build.spec")

$Version = & $Py -c "import sys, pathlib; sys.path.insert(0, 'packaging'); import version_info; print(version_info.read_version(pathlib.Path('.')))"
$Arch = if ([Environment]::Is64BitOperatingSystem) { "x64" } else { "x86" }

$Zip = "dist\nianbao-$Version-windows-$Arch.zip"
Write-Host "== zip $Zip"
Invoke-Checked $Py @("packaging\make_zip.py", "dist\nianbao", $Zip)

if (-not $NoTest) {
    # Test what users get: the archive unpacked, not the build folder.
    $Unpacked = Join-Path $env:TEMP ("nianbao-release-" + [guid]::NewGuid().ToString("N"))
    Expand-Archive -Path $Zip -DestinationPath $Unpacked
    Write-Host "== frozen smoke test on $Unpacked\nianbao"
    $env:NIANBAO_FROZEN_DIST = Join-Path $Unpacked "nianbao"
    try { Invoke-Checked $TestPython @("-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "frozen", "tests/frozen") }
    finally { Remove-Item -Recurse -Force $Unpacked }
}
Write-Host "== done: $Zip"

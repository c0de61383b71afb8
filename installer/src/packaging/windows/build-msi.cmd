@echo off
rem Builds target\Continuo-<version>.msi with jpackage (needs the WiX Toolset 3 on the PATH): a per-user install
rem with a jlink-trimmed Java runtime and a console launcher. The Startup entry is set up per user afterwards with
rem "continuo service install". (Not run in this project's Linux CI; the GitHub Windows runner runs it.)
rem Usage: build-msi.cmd VERSION INPUT_DIR MAIN_JAR TARGET_DIR
setlocal
set /p MODULES=<"%~dp0..\modules.txt"
for /f "tokens=1 delims=-" %%v in ("%1") do set NUMERIC=%%v
jpackage --type msi --name Continuo --dest "%4" --input "%2" --main-jar "%3" ^
  --main-class dev.continuo.bridge.cli.Continuo --app-version %NUMERIC% --vendor Continuo ^
  --description "Machine-generated accompaniment for your DAW" --add-modules %MODULES% ^
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive" ^
  --win-per-user-install --win-console --win-dir-chooser --win-menu ^
  --java-options "-Dcontinuo.launcher=$APPDIR\..\Continuo.exe" --java-options "-Xmx2g" ^
  --java-options "-Dorg.bytedeco.javacpp.maxbytes=4g" --java-options "-Dorg.bytedeco.javacpp.maxphysicalbytes=8g" ^
  || exit /b 1

# CPack settings for every platform. Included from packaging/CMakeLists.txt after the install
# rules; the platform-specific parts are guarded so that configuring on Linux never needs NSIS,
# WiX or macOS tools, and the other way round.

set(CPACK_PACKAGE_NAME tidemark)
set(CPACK_PACKAGE_VENDOR "The Tidemark developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Produce, consume and see message-broker topics")
# Wrapped for Debian's control file (lines under 80 columns).
set(CPACK_PACKAGE_DESCRIPTION [=[
Tidemark is a desktop app for producing, consuming and seeing message-broker
topics. It works with no server at all, on a built-in file-log broker, and
connects to a real Apache Kafka cluster with one switch. Every partition is
drawn as a timeline: publish keyed orders and watch consumer offsets advance,
stop and resume. tidemark-cli offers the same operations on the command line.]=])
set(CPACK_PACKAGE_HOMEPAGE_URL ${TIDEMARK_HOMEPAGE})
set(CPACK_PACKAGE_CONTACT ${TIDEMARK_PACKAGE_CONTACT})
set(CPACK_PACKAGE_INSTALL_DIRECTORY Tidemark)
set(CPACK_PACKAGE_EXECUTABLES tidemark Tidemark) # Start-menu entry (NSIS, WiX)
set(CPACK_PACKAGE_FILE_NAME "tidemark-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_THREADS 0) # all cores for xz/zstd compression
if(EXISTS ${CMAKE_SOURCE_DIR}/LICENSE)
  set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
endif()
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_PACKAGE_FILE_NAME "tidemark-${PROJECT_VERSION}-source")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build[^/]*/" "/\\.cache/")

if(WIN32)
  set(CPACK_GENERATOR NSIS ZIP)
elseif(APPLE)
  set(CPACK_GENERATOR DragNDrop)
else()
  set(CPACK_GENERATOR DEB TGZ)
endif()

# ---- Debian ------------------------------------------------------------------------------------
# dpkg-shlibdeps finds the libraries the binaries link (Qt Core/Gui/Widgets/Charts/Network,
# librdkafka, the Kafka listener's zlib/snappy/lz4/zstd, libstdc++). Qt loads some of what the app needs as plugins, which no linker
# sees: the SVG icon engine and image plugin (the window icon is an SVG) and the platform
# plugins (xcb and offscreen ship in libqt6gui6, Wayland separately). Ask dpkg which package
# owns each plugin on the build machine so the names are right on any Debian-like release;
# fall back to Debian 12's names when dpkg-query is missing or Qt was not installed by dpkg.
function(tidemark_deb_owner_of_plugin plugin_target fallback out_var)
  set(owner ${fallback})
  find_program(TIDEMARK_DPKG_QUERY dpkg-query)
  if(TARGET ${plugin_target} AND TIDEMARK_DPKG_QUERY)
    get_target_property(location ${plugin_target} LOCATION)
    if(location)
      execute_process(COMMAND ${TIDEMARK_DPKG_QUERY} -S ${location}
                      OUTPUT_VARIABLE found RESULT_VARIABLE rc ERROR_QUIET)
      if(rc EQUAL 0 AND found MATCHES "^([^:,]+)")
        set(owner ${CMAKE_MATCH_1})
      endif()
    endif()
  endif()
  set(${out_var} ${owner} PARENT_SCOPE)
endfunction()
tidemark_deb_owner_of_plugin(Qt6::QSvgIconPlugin libqt6svg6 TIDEMARK_DEB_SVG)
tidemark_deb_owner_of_plugin(Qt6::QXcbIntegrationPlugin libqt6gui6 TIDEMARK_DEB_XCB)
tidemark_deb_owner_of_plugin(Qt6::QWaylandIntegrationPlugin qt6-wayland TIDEMARK_DEB_WAYLAND)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # tidemark_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${TIDEMARK_PACKAGE_CONTACT})
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${TIDEMARK_HOMEPAGE})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The UI font is compiled in, but Qt's font database and dialogs still want one system font
# with Cyrillic (the UI speaks Russian too); fontconfig itself comes with libqt6gui6.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${TIDEMARK_DEB_SVG}")
if(NOT TIDEMARK_DEB_XCB MATCHES "^libqt6gui6") # else dpkg-shlibdeps adds it already
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", ${TIDEMARK_DEB_XCB}")
endif()
string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", fonts-dejavu-core | fonts-liberation2 | fonts-freefont-ttf")
# qt6-translations-l10n: Qt's own Russian (standard buttons and dialogs).
# gnome-keyring: a Secret Service for the passwords profiles remember (QtKeychain finds any).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "${TIDEMARK_DEB_WAYLAND}, qt6-translations-l10n, gnome-keyring")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "kcat")
# xz like Debian's own packages; a sanitizer build's binaries are ten times larger and xz would
# take minutes over them in the packaging test, and nobody ships those packages.
if(TIDEMARK_SANITIZE)
  set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
else()
  set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
endif()
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# ---- Windows: NSIS (default) and WiX -----------------------------------------------------------
if(WIN32)
  set(CPACK_NSIS_PACKAGE_NAME "Tidemark")
  set(CPACK_NSIS_DISPLAY_NAME "Tidemark ${PROJECT_VERSION}")
  set(CPACK_NSIS_BRANDING_TEXT "Tidemark ${PROJECT_VERSION}")
  file(TO_NATIVE_PATH "${TIDEMARK_ICON_ICO}" _native_ico)
  set(CPACK_NSIS_MUI_ICON "${_native_ico}")
  set(CPACK_NSIS_MUI_UNIICON "${_native_ico}")
  set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\tidemark.exe")
  set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
  set(CPACK_NSIS_MUI_FINISHPAGE_RUN tidemark.exe)
  set(CPACK_NSIS_URL_INFO_ABOUT ${TIDEMARK_HOMEPAGE})
  set(CPACK_NSIS_HELP_LINK ${TIDEMARK_HOMEPAGE})
  set(CPACK_NSIS_CONTACT ${TIDEMARK_PACKAGE_CONTACT})
  set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
  set(CPACK_NSIS_MODIFY_PATH ON) # offers to put bin\ (tidemark-cli) on PATH
  set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
  set(CPACK_CREATE_DESKTOP_LINKS tidemark)

  # Never change the upgrade GUID: Windows Installer uses it to replace older versions.
  set(CPACK_WIX_UPGRADE_GUID "136C4C40-E9CB-41D9-BD4B-E4B7CFFEE8A4")
  set(CPACK_WIX_PRODUCT_ICON ${TIDEMARK_ICON_ICO})
  set(CPACK_WIX_PROGRAM_MENU_FOLDER Tidemark)
  set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT ${TIDEMARK_HOMEPAGE})
  set(CPACK_WIX_PROPERTY_ARPHELPLINK ${TIDEMARK_HOMEPAGE})

  # Icon and version information inside tidemark.exe (Explorer, taskbar, Alt+Tab).
  set(TIDEMARK_RC_VERSION "${PROJECT_VERSION_MAJOR},${PROJECT_VERSION_MINOR},${PROJECT_VERSION_PATCH},0")
  configure_file(${CMAKE_CURRENT_LIST_DIR}/windows/tidemark.rc.in ${CMAKE_CURRENT_BINARY_DIR}/tidemark.rc @ONLY)
  target_sources(tidemark PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/tidemark.rc)
endif()

# ---- macOS: app bundle in a DragNDrop DMG ------------------------------------------------------
# Needs `MACOSX_BUNDLE TRUE` on the tidemark target and `BUNDLE DESTINATION .` in its
# install(TARGETS) (set where the target is defined, before its install rule).
if(APPLE)
  set_target_properties(tidemark PROPERTIES
    OUTPUT_NAME Tidemark
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_LIST_DIR}/macos/Info.plist.in
    MACOSX_BUNDLE_BUNDLE_NAME Tidemark
    MACOSX_BUNDLE_GUI_IDENTIFIER ${TIDEMARK_APP_ID}
    MACOSX_BUNDLE_ICON_FILE tidemark.icns
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_COPYRIGHT "The Tidemark developers")
  target_sources(tidemark PRIVATE ${TIDEMARK_ICON_ICNS})
  set_source_files_properties(${TIDEMARK_ICON_ICNS} TARGET_DIRECTORY tidemark
                              PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
  set(CPACK_DMG_VOLUME_NAME "Tidemark ${PROJECT_VERSION}")
  set(CPACK_DMG_FORMAT UDZO)
  set(CPACK_PACKAGE_ICON ${TIDEMARK_ICON_ICNS}) # the mounted volume's icon
  set(CPACK_BUNDLE_NAME Tidemark)
endif()

# ---- Qt and third-party runtime libraries next to the binaries (Windows, macOS) ----------------
# Linux packages depend on the distribution's Qt; the other platforms carry their own. Qt's
# deploy tools (windeployqt, macdeployqt) copy Qt and its plugins; windeployqt leaves out
# non-Qt DLLs (librdkafka, zlib, zstd, OpenSSL...), which file(GET_RUNTIME_DEPENDENCIES) adds.
if((WIN32 OR APPLE) AND QT_DEPLOY_SUPPORT)
  set(_deploy_script ${CMAKE_CURRENT_BINARY_DIR}/deploy-runtime-$<CONFIG>.cmake)
  if(APPLE)
    file(GENERATE OUTPUT ${_deploy_script} CONTENT "include(\"${QT_DEPLOY_SUPPORT}\")
qt6_deploy_runtime_dependencies(
  EXECUTABLE $<TARGET_FILE_NAME:tidemark>.app
  ADDITIONAL_EXECUTABLES $<TARGET_FILE_NAME:tidemark>.app/Contents/MacOS/$<TARGET_FILE_NAME:tidemark-cli>)
")
  else()
    set(_dll_dirs "")
    foreach(dir IN LISTS RDKAFKA_LIBRARY_DIRS)
      list(APPEND _dll_dirs ${dir} ${dir}/../bin)
    endforeach()
    file(GENERATE OUTPUT ${_deploy_script} CONTENT "include(\"${QT_DEPLOY_SUPPORT}\")
qt6_deploy_runtime_dependencies(
  EXECUTABLE \${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:tidemark>
  ADDITIONAL_EXECUTABLES \${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:tidemark-cli>
  GENERATE_QT_CONF)
file(GET_RUNTIME_DEPENDENCIES
  RESOLVED_DEPENDENCIES_VAR deps
  UNRESOLVED_DEPENDENCIES_VAR missing
  EXECUTABLES \"$<TARGET_FILE:tidemark>\" \"$<TARGET_FILE:tidemark-cli>\"
  DIRECTORIES ${_dll_dirs}
  PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\" \"^[Qq]t6\"
  POST_EXCLUDE_REGEXES \"[/\\\\\\\\][Ss]ystem32[/\\\\\\\\]\")
if(missing)
  message(WARNING \"DLLs not found for the installer: \${missing}\")
endif()
file(INSTALL \${deps} DESTINATION \"\${QT_DEPLOY_PREFIX}/\${QT_DEPLOY_BIN_DIR}\")
")
  endif()
  install(SCRIPT ${_deploy_script})
endif()
if(WIN32)
  # The MSVC runtime (vcruntime, msvcp) next to the binaries; a no-op for MinGW, where
  # windeployqt copies the compiler runtime.
  set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
  include(InstallRequiredSystemLibraries)
endif()

include(CPack)

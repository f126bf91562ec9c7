# What `cmake --install` puts where Debian expects it, and the .deb that
# `cpack -G DEB` builds from it (README: "Install and package"). The
# binaries and helpers are installed by CMakeLists.txt.

find_program(GZIP gzip REQUIRED)
# Directories as Debian has them, whatever the umask of the build.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
    GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/tickets)

# Compressed with -n (no name, no time stamp): the same bytes every build.
function(tickets_gzip source output)
  add_custom_command(OUTPUT ${output}
    COMMAND ${GZIP} -9nc ${source} > ${output}
    DEPENDS ${source} VERBATIM)
endfunction()
set(PACKAGING_DIR ${CMAKE_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${PACKAGING_DIR})
tickets_gzip(${CMAKE_SOURCE_DIR}/man/tickets.1 ${PACKAGING_DIR}/tickets.1.gz)
tickets_gzip(${CMAKE_SOURCE_DIR}/packaging/changelog ${PACKAGING_DIR}/changelog.Debian.gz)
add_custom_target(tickets_packaging_files ALL
  DEPENDS ${PACKAGING_DIR}/tickets.1.gz ${PACKAGING_DIR}/changelog.Debian.gz)

install(FILES ${PACKAGING_DIR}/tickets.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES completions/tickets.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME tickets)
install(FILES completions/_tickets DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES completions/tickets.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
# Debian 12 keeps units in /lib/systemd/system (the /usr move came later).
set(TICKETS_SYSTEMD_UNIT_DIR "/lib/systemd/system" CACHE PATH "where the systemd unit goes")
if(TICKETS_SYNC)
  install(FILES examples/tickets-serve.service DESTINATION ${TICKETS_SYSTEMD_UNIT_DIR})
endif()
install(FILES examples/config.toml examples/crontab DESTINATION ${DOC_DIR}/examples)
install(FILES README.md docs/ARCHITECTURE.md docs/PROTOCOL.md DESTINATION ${DOC_DIR})
install(FILES packaging/copyright ${PACKAGING_DIR}/changelog.Debian.gz DESTINATION ${DOC_DIR})
install(FILES packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME tickets)

# cpack -G DEB (best from a build configured with -DCMAKE_INSTALL_PREFIX=/usr,
# as ./dev does; tests/package/test_deb.py builds and checks the package).
set(CPACK_PACKAGE_NAME tickets)
set(CPACK_PACKAGE_VENDOR "The tickets developers")
set(CPACK_PACKAGE_CONTACT "The tickets developers <dev@tickets.example.org>")
set(CPACK_DEBIAN_PACKAGE_RELEASE 1) # 0.1.0-1, as packaging/changelog says
set(CPACK_PACKAGING_INSTALL_PREFIX /usr) # the helpers' compiled-in fallback path assumes the same prefix
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Read at run time, not linked: the zone files behind calendar.timezone,
# and a font for the PDF that Pango finds through fontconfig.
set(CPACK_DEBIAN_PACKAGE_DEPENDS tzdata)
if(TICKETS_PDF)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata, fonts-dejavu-core")
endif()
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
# The synopsis is project(DESCRIPTION); this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "tickets keeps support and property-management tickets in a local,
 Git-style store (SQLite, an append-only event log with hash ids) and works
 offline. Agents use the terminal, scripts make bulk changes, cron runs the
 reminder sweep; push, pull and clone sync with a server run by the same
 tool (tickets serve), and mail-in turns mail into tickets and replies.")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "ticket tool for support desks and property managers")
set(CPACK_GENERATOR DEB)
include(CPack)

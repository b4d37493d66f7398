# Which malloc the programs use.
#
# Parsing and checking allocate many small, short-lived strings and vectors
# (cells, rows, findings). glibc's malloc spends about a quarter of parse's CPU
# on them for the project-grid layout; jemalloc (Debian's libjemalloc-dev) takes
# 20-25% off parse there and 5-10% on the summary layout, with about 2 MB more
# peak memory (README "Measurements"). The sanitizer and fuzz builds keep the
# system allocator: ASan must own malloc.
#
#   -DJIXIAO_ALLOCATOR=jemalloc   (default)
#   -DJIXIAO_ALLOCATOR=system     glibc's malloc
set(JIXIAO_ALLOCATOR "jemalloc" CACHE STRING "malloc for the programs: jemalloc or system")
set_property(CACHE JIXIAO_ALLOCATOR PROPERTY STRINGS jemalloc system)

if(JIXIAO_SANITIZE OR JIXIAO_FUZZ)
  set(jixiao_allocator_in_use system)
else()
  set(jixiao_allocator_in_use ${JIXIAO_ALLOCATOR})
endif()

if(jixiao_allocator_in_use STREQUAL "jemalloc")
  find_library(JEMALLOC_LIBRARY NAMES jemalloc)
  if(NOT JEMALLOC_LIBRARY)
    message(FATAL_ERROR "JIXIAO_ALLOCATOR=jemalloc but libjemalloc was not found: "
                        "apt-get install libjemalloc-dev, or configure with -DJIXIAO_ALLOCATOR=system")
  endif()
elseif(NOT jixiao_allocator_in_use STREQUAL "system")
  message(FATAL_ERROR "JIXIAO_ALLOCATOR must be jemalloc or system, not '${JIXIAO_ALLOCATOR}'")
endif()
message(STATUS "jixiao: allocator ${jixiao_allocator_in_use}")

# Links an executable against the chosen allocator. jemalloc's library exports
# malloc/free themselves, so linking it is enough to replace glibc's for the
# whole process (libraries such as sqlite and poppler included).
function(jixiao_use_allocator target)
  if(jixiao_allocator_in_use STREQUAL "jemalloc")
    target_link_libraries(${target} PRIVATE ${JEMALLOC_LIBRARY})
  endif()
endfunction()

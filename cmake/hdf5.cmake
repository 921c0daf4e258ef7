# The engine's HDF5: a private, static, position-independent HDF5 1.10.8 (Debian's source of
# the release in Debian 12), built with its symbols hidden and linked into the engine, so that
# it neither sees nor is seen by any other HDF5 in the process (h5py's wheels bundle their own),
# whatever the dlopen flags, and a wheel needs no system HDF5.
#
# Built here (ExternalProject, ~2 minutes on two cores) unless CXSIM_HDF5_ROOT names one this
# recipe already built: the Makefile builds it once in build/hdf5 (cmake -S cmake/hdf5) for
# its build trees. Defines the targets cxsim_hdf5 and cxsim_hdf5_hl.
set(CXSIM_HDF5_ROOT "" CACHE PATH "An HDF5 built by cmake/hdf5 (empty: build one in this tree)")
set(CXSIM_HDF5_URL "https://deb.debian.org/debian/pool/main/h/hdf5/hdf5_1.10.8+repack1.orig.tar.gz"
    CACHE STRING "The HDF5 source tarball (a local path builds offline)")

if(CXSIM_HDF5_ROOT)
  set(_hdf5_root ${CXSIM_HDF5_ROOT})
else()
  include(ExternalProject)
  include(ProcessorCount)
  ProcessorCount(_jobs)
  set(_hdf5_root ${CMAKE_BINARY_DIR}/hdf5-install)
  ExternalProject_Add(hdf5_source
    URL ${CXSIM_HDF5_URL}
    URL_HASH SHA256=7b38e58ff83b13fd8959a90b13bf896bc318ba096c940ab0847abf3ad41a0b31
    DOWNLOAD_EXTRACT_TIMESTAMP ON
    PREFIX ${CMAKE_BINARY_DIR}/hdf5
    INSTALL_DIR ${_hdf5_root}
    # HDF5 1.10's own CMake build fails its try_run checks under CMake >= 3.24; autotools works.
    # Thread-safe and the 1.8 API names, as Debian's libhdf5; the library and high-level library
    # only (no tools, tests, Fortran, C++ or Java).
    CONFIGURE_COMMAND <SOURCE_DIR>/configure --prefix=<INSTALL_DIR> --disable-shared --enable-static --with-pic
      --disable-fortran --disable-cxx --disable-java --disable-tests --disable-tools --enable-hl
      --with-zlib --without-szlib --enable-threadsafe --enable-unsupported --with-default-api-version=v18
      --enable-build-mode=production "CFLAGS=-O2 -fvisibility=hidden"
    BUILD_COMMAND make -j${_jobs} -C src COMMAND make -j${_jobs} -C hl/src
    INSTALL_COMMAND make -C src install COMMAND make -C hl/src install
    BUILD_BYPRODUCTS <INSTALL_DIR>/lib/libhdf5.a <INSTALL_DIR>/lib/libhdf5_hl.a)
  file(MAKE_DIRECTORY ${_hdf5_root}/include)
endif()

find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
add_library(cxsim_hdf5 STATIC IMPORTED GLOBAL)
set_target_properties(cxsim_hdf5 PROPERTIES IMPORTED_LOCATION ${_hdf5_root}/lib/libhdf5.a
  INTERFACE_INCLUDE_DIRECTORIES ${_hdf5_root}/include
  INTERFACE_LINK_LIBRARIES "ZLIB::ZLIB;Threads::Threads;${CMAKE_DL_LIBS};m")
add_library(cxsim_hdf5_hl STATIC IMPORTED GLOBAL)
set_target_properties(cxsim_hdf5_hl PROPERTIES IMPORTED_LOCATION ${_hdf5_root}/lib/libhdf5_hl.a
  INTERFACE_LINK_LIBRARIES cxsim_hdf5)
if(NOT CXSIM_HDF5_ROOT)
  add_dependencies(cxsim_hdf5 hdf5_source)
  add_dependencies(cxsim_hdf5_hl hdf5_source)
endif()

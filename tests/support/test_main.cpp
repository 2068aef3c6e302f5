#define BOOST_TEST_MODULE factory_deploy
#include <boost/test/unit_test.hpp>

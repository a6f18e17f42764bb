// sfcpp/auth.hpp: OAuth 2.0 flows (client credentials, JWT bearer, refresh token, web server with
// PKCE, device, legacy username-password), tokens that never print, and the shared session.
#pragma once

#include <sfcpp/auth/flows.hpp>
#include <sfcpp/auth/session.hpp>
#include <sfcpp/auth/token.hpp>

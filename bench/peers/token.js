// Prints an access token from the emulator's OAuth client-credentials endpoint.
//   node token.js LOGIN_URL CLIENT_ID CLIENT_SECRET
'use strict';
const [loginUrl, clientId, clientSecret] = process.argv.slice(2);
const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
fetch(`${loginUrl}/services/oauth2/token`, { method: 'POST', body })
  .then(async (res) => {
    const json = await res.json();
    if (!res.ok || !json.access_token) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json)}`);
    console.log(`${json.instance_url} ${json.access_token}`);
  })
  .catch((e) => {
    console.error(`token request failed: ${e.message}`);
    process.exit(1);
  });

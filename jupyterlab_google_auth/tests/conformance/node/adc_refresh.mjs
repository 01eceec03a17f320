// Load the ADC file the way a Node program does (GoogleAuth finds it through HOME or
// CLOUDSDK_CONFIG), get an access token, and print what was obtained as one JSON line.
//
// Redirecting the token endpoint: UserRefreshClient (an OAuth2Client) ignores any token_uri in
// the file and posts to this.endpoints.oauth2TokenUrl, which defaults to Google's and can be set
// through the documented client option `endpoints` (OAuth2ClientOptions). GoogleAuth passes
// `clientOptions` to the client it builds from the file, so nothing is patched.
import {GoogleAuth} from 'google-auth-library';

const tokenUrl = process.env.FAKE_TOKEN_URI;
if (!tokenUrl) {
  console.error('FAKE_TOKEN_URI is not set');
  process.exit(2);
}
const auth = new GoogleAuth({
  scopes: ['https://www.googleapis.com/auth/cloud-platform'],
  clientOptions: {endpoints: {oauth2TokenUrl: tokenUrl}},
});
try {
  const client = await auth.getClient();
  const {token} = await client.getAccessToken();
  console.log(
    JSON.stringify({
      clientType: client.constructor.name,
      tokenUrl: String(client.endpoints?.oauth2TokenUrl),
      quotaProjectId: client.quotaProjectId ?? null,
      universeDomain: client.universeDomain ?? null,
      token,
    }),
  );
} catch (err) {
  console.log(JSON.stringify({error: String(err && err.message ? err.message : err)}));
  process.exit(1);
}

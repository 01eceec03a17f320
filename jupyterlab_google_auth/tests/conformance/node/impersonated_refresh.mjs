// Load an impersonated_service_account ADC file the way a Node program does (GoogleAuth finds
// it through HOME), get an access token as the service account, print one JSON line.
//
// Redirecting to the fake: google-auth-library builds the Impersonated client from the file
// (target principal from service_account_impersonation_url, source client from
// source_credentials) but gives the source client no options and calls IAM Credentials at its
// own `endpoint` (https://iamcredentials.<universe>), not at the URL in the file. So after
// GoogleAuth has read and built everything, the two endpoints are set on the clients it built:
// `sourceClient.endpoints.oauth2TokenUrl` (an OAuth2Client option) and `endpoint` (an
// Impersonated option). Nothing else is touched.
import {GoogleAuth} from 'google-auth-library';

const tokenUrl = process.env.FAKE_TOKEN_URI;
const iamUrl = process.env.FAKE_IAM_URI;
if (!tokenUrl || !iamUrl) {
  console.error('FAKE_TOKEN_URI and FAKE_IAM_URI must be set');
  process.exit(2);
}
const auth = new GoogleAuth({scopes: ['https://www.googleapis.com/auth/cloud-platform']});
try {
  const client = await auth.getClient();
  client.sourceClient.endpoints.oauth2TokenUrl = tokenUrl;
  client.endpoint = iamUrl;
  const {token} = await client.getAccessToken();
  console.log(
    JSON.stringify({
      clientType: client.constructor.name,
      targetPrincipal: client.targetPrincipal ?? null,
      delegates: client.delegates ?? null,
      sourceType: client.sourceClient.constructor.name,
      token,
    }),
  );
} catch (err) {
  console.log(JSON.stringify({error: String(err && err.message ? err.message : err)}));
  process.exit(1);
}

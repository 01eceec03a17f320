import { onboardingRequest } from '../onboarding';

describe('onboardingRequest', () => {
  it('opens sign-in and cleans the address', () => {
    expect(
      onboardingRequest(
        'http://127.0.0.1:8000/user/ann/lab/tree/a.ipynb?google-auth=signin&reset=1#x'
      )
    ).toEqual({
      preset: null,
      cleanUrl: '/user/ann/lab/tree/a.ipynb?reset=1#x'
    });
  });

  it('passes a known preset and drops an unknown one', () => {
    expect(
      onboardingRequest('http://h/lab?google-auth=signin&preset=gemini')
    ).toEqual({ preset: 'gemini', cleanUrl: '/lab' });
    expect(
      onboardingRequest('http://h/lab?google-auth=signin&preset=%3Cscript%3E')
    ).toEqual({ preset: null, cleanUrl: '/lab' });
  });

  it('ignores other addresses', () => {
    expect(onboardingRequest('http://h/lab')).toBeNull();
    expect(onboardingRequest('http://h/lab?google-auth=other')).toBeNull();
    expect(onboardingRequest('not a url')).toBeNull();
  });
});

/**
 * @module Landing URLs with their UTM parameters: pure, so the campaign editor in the browser
 * previews exactly the URL a publish sends.
 */

/** Strips the UTM parameters a landing URL got at publish, so the draft shows the page itself. */
export function withoutUtm(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  for (const key of [...parsed.searchParams.keys()])
    if (key.startsWith('utm_')) parsed.searchParams.delete(key);
  return parsed.toString();
}

/**
 * The landing URL as published: the page with `utm_source` (platform), `utm_medium`
 * (paid_social), `utm_campaign` (our campaign id — conversions find their campaign by it) and
 * `utm_content` (our ad id); UTM values already on the URL are replaced.
 */
export function landingUrlWithUtm(
  url: string,
  utm: { platform: string; campaignId: string; adId: string },
): string {
  const parsed = new URL(withoutUtm(url));
  parsed.searchParams.set('utm_source', utm.platform);
  parsed.searchParams.set('utm_medium', 'paid_social');
  parsed.searchParams.set('utm_campaign', utm.campaignId);
  parsed.searchParams.set('utm_content', utm.adId);
  return parsed.toString();
}

/** The QR code of a login request as inline SVG (no external image: the CSP allows none but data:). */
import QRCode from 'qrcode';

export function renderQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

import {
  HttpExecutor,
  configureRequestOptions,
  configureRequestUrl,
  type DownloadOptions,
} from 'builder-util-runtime';
import http from 'node:http';
import type { RequestOptions } from 'node:http';

/**
 * electron-updater's HTTP layer over Node's http module instead of Electron's net, so its updater
 * classes run under plain Node against a local server (only in tests: the app uses Electron's).
 */
export class NodeHttpExecutor extends HttpExecutor<http.ClientRequest> {
  createRequest(
    options: RequestOptions,
    callback: (response: http.IncomingMessage) => void,
  ): http.ClientRequest {
    const request = http.request(options);
    request.on('response', callback);
    return request;
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

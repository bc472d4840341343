import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { jsonResponse } from 'ajax-guard';
import { send } from 'ajax-guard/express';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

// The vary a response leaves once sent over one the app already set.
function sentVary(prior: string | string[] | undefined, own: string): unknown {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  if (prior !== undefined) res.setHeader('vary', prior);
  send(res, jsonResponse(null, { headers: { vary: own } }));
  return res.getHeader('vary');
}

describe(inMode("merging a response's vary into the app's"), () => {
  it("is the response's own vary when the app set none", () => {
    expect(sentVary(undefined, 'Accept')).to.equal('Accept');
    expect(sentVary('', 'Accept')).to.equal('Accept');
  });

  it("keeps the app's names first and adds only the new ones, whatever their case", () => {
    expect(sentVary('Origin', 'Accept, origin, X-Requested-With')).to.equal('Origin, Accept, X-Requested-With');
  });

  it("reads Node's array of values", () => {
    expect(sentVary(['Origin', 'Accept-Encoding'], 'accept-encoding, Accept')).to.equal('Origin, Accept-Encoding, Accept');
  });

  it('is * when either side is', () => {
    expect(sentVary('*', 'Accept')).to.equal('*');
    expect(sentVary('Origin', '*')).to.equal('*');
  });
});

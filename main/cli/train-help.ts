import { backendOrder } from '../engine/backend';
import { defaultTrainOptions as d } from '../engine/train/options';
import { evaluationDefaults, initDefaults, netDefaults, rawTrainSteps, speckleDefaults } from '../shared/defaults';
import { DEFAULT_PATIENCE } from '../shared/early-stop';
import { builtinFamilies } from '../tasks/train/builtin-models';

/** `gr2r train --help`: every default printed from where it is defined. */
export const trainHelp = `Usage: gr2r train --data DIR --out MODEL_DIR [--noise FAMILY [PARAMETER]] [options]

Learns to denoise the images in DIR from the noisy images alone (GR2R).

Noise: without --noise it is chosen from the images, and the choice is printed and stored in the model:
  8/16-bit photos, scans, JPEG/PNG: correlated, the noise's level by brightness and its correlation between pixels
    and channels measured per image (what cameras and JPEG leave);
  float TIFF: SAR intensity, gamma speckle with each image's own looks (dB files are refused: convert them to
    intensity first; --amplitude for amplitudes); speckle correlated between neighbours trains on 2x2 sub-images;
  camera raw (DNG): poissongaussian with a and b estimated (each image's own when the folder mixes ISOs), or
    correlated on the CFA planes when their noise is measured correlated between photosites (lossy in-camera coding).
  Complex (SLC) TIFFs are spectrally whitened (range and azimuth envelopes divided out) before intensity, for every
  command. Given (parameters in the units of the data: 8/16-bit images as [0, 1], float TIFF as is):
  --noise correlated | gaussian --sigma S | poisson --gain G | gamma --looks L | binomial --trials N |
    lograyleigh --scale C. Without the parameter, it is estimated from the images (gaussian, poisson, gamma);
    gamma without --looks: each image's own looks where the images' differ by more than 30%.
  --noise poissongaussian --a A --b B: camera noise, var = a x + b (camera raw DNG: a = 1 / electrons at white,
    b = (read noise DN / (white - black))^2; both estimated if neither is given); trained as shifted Poisson
    counts, or --anscombe in the GAT domain
Options:
  --alpha A          GR2R split (default ${d.alpha})
  --loss mse|nll     GR2R loss (nll: Poisson and Gamma; default ${d.loss})
  --net unet|dncnn   network (default ${d.net.kind}); --width W --depth D (default unet ${netDefaults.unet.width} ${netDefaults.unet.depth},
                     dncnn ${netDefaults.dncnn.width} ${netDefaults.dncnn.depth})
  --steps N          default ${d.steps} from random weights; ${initDefaults.steps} fine-tuning a bundled network (--init, below);
                     ${rawTrainSteps} for camera raw and ${speckleDefaults.blindSteps} for SAR speckle measured blind (a note says which)
  --batch B (${d.batch})  --patch P (${d.patch})  --seed S (${d.seed})  --lr R (${d.learningRate})
  --checkpoint-every N (${d.checkpointEvery})       --target CLEAN_DIR  supervised reference, clean images paired by name
  --init builtin|none|MODEL_DIR  start from a pretrained network and fine-tune it with GR2R on DIR: builtin
                     is the bundled one for the noise family (${builtinFamilies.join(', ')}; RGB, folded exactly for gray
                     images; correlated: camera noise in photos), MODEL_DIR a model of the same network (--net, --width,
                     --depth) and channels, none random weights. Default: builtin where one fits the noise, the
                     network and the channels (RGB or gray; not camera raw planes nor SAR speckle measured blind),
                     else random weights (a note says why). Steps then default to ${initDefaults.steps}, --lr to
                     ${initDefaults.learningRate}; gr2r.json records what it started from
  --resume           continue the run saved in MODEL_DIR
  --recursive        include the images in sub-folders of DIR
  --eval-every N     estimate the PSNR on held-out noisy patches every N steps (default
                     steps / ${evaluationDefaults.perRun}, between ${evaluationDefaults.minEvery} and ${evaluationDefaults.maxEvery})
  --early-stop [P]   stop after P estimates in a row (default ${DEFAULT_PATIENCE}) without a better estimated PSNR
  --keep-last        keep the last step's weights; by default the model keeps the step with the best estimated PSNR
                     (and the last step's checkpoint in MODEL_DIR/checkpoint, for --resume); the step kept is printed.
                     SAR speckle measured blind always keeps the last step: its estimate is a plain MSE that the
                     brightest pixels decide, while it trains on relative errors
  --amplitude        SAR amplitude files: squared to intensity for the Gamma model (recorded in the model)
  --backend NAME     ${backendOrder.join(' | ')} (default: the fastest that loads)
  --gradients auto|onnxruntime|tfjs  what computes the training gradients (default auto: onnxruntime's CPU
                     kernels on the wasm backend when they load and agree with tfjs, about 3x faster; tfjs for NLL)
`;

#!/usr/bin/python3
# A real RTSP server for the tests: GStreamer's gst-rtsp-server (Debian packages gir1.2-gst-rtsp-server-1.0,
# python3-gi, gstreamer1.0-plugins-{base,good,ugly}, gstreamer1.0-libav) serving a video file as H.264.
#   rtsp_server.py PORT VIDEO  ->  rtsp://127.0.0.1:PORT/cam
import sys

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

Gst.init(None)
port, video = sys.argv[1], sys.argv[2]
factory = GstRtspServer.RTSPMediaFactory()
factory.set_shared(True)
factory.set_launch(
    '( filesrc location=%s ! decodebin ! videoconvert'
    ' ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=10'
    ' ! rtph264pay name=pay0 pt=96 config-interval=1 )' % video)
server = GstRtspServer.RTSPServer()
server.set_address('127.0.0.1')
server.set_service(port)
server.get_mount_points().add_factory('/cam', factory)
server.attach(None)
print('rtsp server ready on rtsp://127.0.0.1:%s/cam' % port, flush=True)
GLib.MainLoop().run()

/**
 * How files others read are written (a private temporary file moved into place) and how confidential
 * folders are created. No dependencies.
 */
@ApplicationModule(
        displayName = "文件 Files",
        allowedDependencies = {})
package org.lujing.files;

import org.springframework.modulith.ApplicationModule;
